package org.rapport.server.account;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;
import org.rapport.server.system.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rapport behind a reverse proxy (issue 16).
 *
 * <p>Only the proxies listed in {@code rapport.accounts.trusted-proxies} are believed: for a
 * request that arrives from one of them, Tomcat's {@link RemoteIpValve} takes the client address
 * from {@code X-Forwarded-For} (the right-most address that is not a trusted proxy), the scheme
 * from {@code X-Forwarded-Proto} and the host from {@code X-Forwarded-Host}. So the sign-in and
 * sign-up limits see the real client, and links and redirects the public host. Headers from any
 * other address are ignored, so a client cannot choose its own address by sending them.
 *
 * <p>When the public URL ({@code rapport.mail.public-url}) is https, the session cookie is
 * {@code Secure} and every page and API answer carries {@code Strict-Transport-Security}
 * ({@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReverseProxyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReverseProxyConfiguration.class);

    /** Whether the public URL Rapport is reached at is https. */
    static boolean publicUrlIsHttps(RapportProperties properties) {
        String url = properties.mail().publicUrl();
        return url != null && "https".equalsIgnoreCase(URI.create(url.strip()).getScheme());
    }

    /** The {@link RemoteIpValve#setInternalProxies} pattern that matches exactly these addresses. */
    static String internalProxiesPattern(List<String> addresses) {
        return addresses.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> forwardedHeaders(AccountProperties accounts) {
        return factory -> {
            List<String> proxies = accounts.trustedProxies();
            if (proxies.isEmpty()) {
                return;
            }
            RemoteIpValve valve = new RemoteIpValve();
            valve.setInternalProxies(internalProxiesPattern(proxies));
            valve.setTrustedProxies(null);
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProxiesHeader("X-Forwarded-By");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setProtocolHeaderHttpsValue("https");
            valve.setHostHeader("X-Forwarded-Host");
            valve.setPortHeader("X-Forwarded-Port");
            factory.addEngineValves(valve);
            log.info("Believing X-Forwarded-* headers from {}", proxies);
        };
    }

    @Bean
    ServletContextInitializer secureSessionCookie(RapportProperties properties) {
        return context -> {
            if (publicUrlIsHttps(properties)) {
                context.getSessionCookieConfig().setSecure(true);
            }
        };
    }
}
