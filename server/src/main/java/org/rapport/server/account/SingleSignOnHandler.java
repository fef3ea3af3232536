package org.rapport.server.account;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.system.RapportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The end of an OpenID Connect sign-in (issue 16): Spring Security has checked the provider's ID
 * token (signature from its JWKS, issuer, audience, nonce, expiry); this turns its claims into a
 * member through {@link SingleSignOn} and replaces the provider's authentication with the same
 * session a password sign-in makes ({@link MemberPrincipal} with the security stamp), so
 * {@link SessionStampFilter}, suspension and sign-out work unchanged. A refusal signs nobody in and
 * is said on the sign-in page.
 */
final class SingleSignOnHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Session attribute: the refusal the sign-in page shows once. */
    static final String ERROR = "rapport.signInError";
    /** Session attribute: when this session signed in (epoch millis), for confirming a deletion without password. */
    static final String SIGNED_IN_AT = "rapport.signedInAt";

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnHandler.class);

    private final SingleSignOn singleSignOn;
    private final SecurityContextRepository contexts;
    private final java.time.Clock clock;

    SingleSignOnHandler(SingleSignOn singleSignOn, SecurityContextRepository contexts, java.time.Clock clock) {
        this.singleSignOn = singleSignOn;
        this.contexts = contexts;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        try {
            MemberPrincipal principal = singleSignOn.signIn(identity(token));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    BearerTokenFilter.MEMBER));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            request.getSession().setAttribute(SIGNED_IN_AT, clock.millis());
            response.sendRedirect("/");
        } catch (RapportException e) {
            refuse(request, response, e.detail());
        }
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        log.info("A single sign-on did not complete: {}", exception.getMessage());
        refuse(request, response, "Signing in through your identity provider did not complete. Please try again.");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        request.getSession().setAttribute(ERROR, message);
        response.sendRedirect("/signin");
    }

    /** The provider's claims as an identity: {@code sub}, {@code email}, {@code email_verified}, the names. */
    static ExternalIdentity identity(OAuth2AuthenticationToken token) {
        Map<String, Object> claims = token.getPrincipal().getAttributes();
        Object verified = claims.get("email_verified");
        String first = string(claims.get("given_name"));
        String last = string(claims.get("family_name"));
        if (first == null && last == null && claims.get("name") != null) {
            String[] parts = AccountService.splitName(string(claims.get("name")));
            first = parts[0];
            last = parts[1];
        }
        return new ExternalIdentity(token.getAuthorizedClientRegistrationId(), string(claims.get("sub")),
                string(claims.get("email")), Boolean.TRUE.equals(verified) || "true".equals(verified), first, last);
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
