package org.rapport.server.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;

import org.rapport.server.system.RapportProperties;
import org.rapport.server.web.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The JSON API ({@code /api/**}) is stateless: bearer tokens, no session, no
 * CSRF (no cookies to ride on), 401/403 as problem+json. Pages use a session cookie
 * ({@code SameSite=Lax}, HttpOnly), CSRF tokens on every form, and a strict Content Security Policy.
 * The chains exist only in the web server; one-shot CLI commands start without them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /**
     * HSTS for a year (subdomains included) on every answer when the public URL is https, even
     * when the proxy in front did not say the request was https; otherwise Spring Security's
     * default, on requests that arrived secure only.
     */
    private static void strictTransport(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity>.HstsConfig hsts,
            RapportProperties properties) {
        if (ReverseProxyConfiguration.publicUrlIsHttps(properties)) {
            hsts.requestMatcher(request -> true).maxAgeInSeconds(365L * 24 * 3600).includeSubDomains(true);
        }
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * A request the firewall refuses before any chain (an encoded slash, a semicolon, a backslash,
     * "..", a NUL in the path): a 400 problem for the API, the 400 error page otherwise.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, ex) -> {
            if (Problems.isApi(request)) {
                Problems.write(request, response, Problems.of(400, "malformed-path", "Malformed request path",
                        "The path of this request holds characters no Rapport address has."), json);
            } else {
                response.sendError(400);
            }
        };
    }

    // The filter chains exist only when serving: the one-shot CLI commands (rapport graph …) start
    // the application without a web server, where there is no HttpSecurity to build them from.
    @Bean
    @Order(1)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain api(HttpSecurity http, AccountService accounts, JsonMapper json, RapportProperties properties)
            throws Exception {
        http.securityMatcher("/api/**")
                // The API never reads or writes a page session: a bearer token is the only way in
                // (the session cookie would ride along on cross-site requests, and the API has no CSRF token).
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                // No session fixation defence here: there is no session to defend, and changing the id
                // of the page session a cookie brought along would sign that browser out.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(f -> f.none()))
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .addFilterBefore(new BearerTokenFilter(accounts, json), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // The dispatch that ends an asynchronous request (a notification stream the
                        // client closed) carries no bearer token's authentication: the request was
                        // authorized when it started, so do not deny it again (and log an error per stream).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/tokens", "/api/v1/password-resets",
                                "/api/v1/password-resets/*").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> Problems.write(request, response,
                                Problems.of(401, "unauthenticated", "Not signed in",
                                        "Send a bearer token: POST /api/v1/tokens gives one."), json))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(request, response,
                                Problems.of(403, "forbidden", "Not allowed", "You are not allowed to do this."),
                                json)))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .httpStrictTransportSecurity(hsts -> strictTransport(hsts, properties)));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain pages(HttpSecurity http, AccountService accounts, SecurityContextRepository contexts,
                              org.rapport.server.admin.AdminAccess admin,
                              org.springframework.core.env.Environment env,
                              RapportProperties properties, SingleSignOn singleSignOn, java.time.Clock clock,
                              org.springframework.beans.factory.ObjectProvider<
                                      org.springframework.security.oauth2.client.registration.ClientRegistrationRepository>
                                      registrations) throws Exception {
        // Issue 17: liveness, readiness and the bare health status stay open for load balancers;
        // metrics and health details are for administrators on this port, or for whoever reaches
        // the management port when one is set (the actuator is then not served here at all).
        String managementPort = env.getProperty("management.server.port");
        // As Boot decides: a management port of its own unless it is the server's (0, a random port, is always its own).
        boolean ownManagementPort = managementPort != null && !managementPort.startsWith("-")
                && (managementPort.equals("0") || !managementPort.equals(env.getProperty("server.port", "8080")));
        http.securityContext(c -> c.securityContextRepository(contexts))
                .addFilterAfter(new SessionStampFilter(accounts), SecurityContextHolderFilter.class)
                .addFilterAfter(new org.rapport.server.admin.ActuatorAuthorities(admin, env), SessionStampFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/signin", "/signup", "/signup/waiting", "/error", "/favicon.ico", "/robots.txt", "/forgot", "/forgot-password",
                                "/password-reset", "/password-reset/*", "/verify-email/*", "/signin/code",
                                "/oauth2/authorization/*", "/login/oauth2/code/*",
                                "/css/**", "/js/**", "/img/**", "/webjars/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                                "/livez", "/readyz")
                        .permitAll()
                        .requestMatchers("/actuator/**").access((auth, ctx) ->
                                new org.springframework.security.authorization.AuthorizationDecision(ownManagementPort
                                        || auth.get().getAuthorities().stream().anyMatch(g ->
                                        org.rapport.server.admin.ActuatorAuthorities.ADMIN_AUTHORITY.equals(g.getAuthority()))))
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    // Back to the page asked for after signing in (GET only: a form post cannot be replayed).
                    String target = "/signin";
                    if ("GET".equals(request.getMethod())) {
                        String uri = request.getRequestURI()
                                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                        if (!uri.equals("/")) {
                            target += "?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
                        }
                    }
                    response.sendRedirect(target);
                }))
                .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("JSESSIONID").invalidateHttpSession(true))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny())
                        .httpStrictTransportSecurity(hsts -> strictTransport(hsts, properties)));
        // Issue 16: single sign-on through the OpenID Connect providers of
        // spring.security.oauth2.client.* (none configured: no such paths). The provider's sign-in
        // ends in SingleSignOnHandler, which makes the same session as a password sign-in.
        if (registrations.getIfAvailable() != null) {
            SingleSignOnHandler handler = new SingleSignOnHandler(singleSignOn, contexts, clock);
            http.oauth2Login(o -> o.loginPage("/signin").successHandler(handler).failureHandler(handler)
                    // An unknown provider in /oauth2/authorization/{id} is a page that does not
                    // exist (404), not the filter's default 500.
                    .withObjectPostProcessor(new org.springframework.security.config.ObjectPostProcessor<
                            org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter>() {
                        @Override
                        public <O extends org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter>
                                O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler((request, response, ex) -> response.sendError(404));
                            return filter;
                        }
                    }));
        }
        return http.build();
    }
}
