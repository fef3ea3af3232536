package org.rapport.server.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings of issue 16, under {@code rapport.accounts}.
 *
 * @param signupLimit    accounts one client may make in {@code signupWindow} (page and API)
 * @param signupWindow   the rolling window of the sign-up limit
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For},
 *                       {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} are believed; empty
 *                       (the default) believes none: the connecting address is the client
 * @param passwordSignIn false turns Rapport's own passwords off ("SSO only"): members sign in
 *                       through an OpenID Connect provider or the LDAP directory; password sign-in,
 *                       sign-up with a password, password resets and {@code POST /tokens} with a
 *                       password are refused
 */
@ConfigurationProperties("rapport.accounts")
public record AccountProperties(@DefaultValue("10") int signupLimit,
                                @DefaultValue("1h") Duration signupWindow,
                                @DefaultValue List<String> trustedProxies,
                                @DefaultValue("true") boolean passwordSignIn) {
    public AccountProperties {
        if (signupLimit < 1 || signupWindow.isNegative() || signupWindow.isZero()) {
            throw new IllegalArgumentException("rapport.accounts: signup-limit and signup-window must be positive");
        }
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
