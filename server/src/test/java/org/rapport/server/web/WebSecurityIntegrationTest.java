package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The web-security suite (issue 8, suite 5), the parts that need no browser: every
 * state-changing page action refuses a request without the CSRF token; pages and the API send
 * the security headers; signing in issues a new session id (no fixation) and signing out ends
 * the session. XSS payloads in a real browser: {@code XssBrowserIntegrationTest}.
 */
@SqliteSpringTest
class WebSecurityIntegrationTest extends ApiIntegrationContract {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @LocalServerPort
    int port;

    @Test
    void everyStateChangingPageActionRefusesARequestWithoutTheCsrfToken() throws Exception {
        Set<String> actions = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                    if (verb != RequestMethod.GET && verb != RequestMethod.HEAD && verb != RequestMethod.OPTIONS) {
                        actions.add(verb.name() + " " + pattern);
                    }
                }
            }
        });
        actions.add("POST /signout"); // the logout filter's, not a controller's
        assertThat(actions).as("page actions found").hasSizeGreaterThan(20);

        List<String> unprotected = new ArrayList<>();
        for (String action : actions) {
            String[] parts = action.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", "1");
            var without = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(parts[0]), path)
                    .param("note", "hello")).andReturn().getResponse();
            var with = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(parts[0]), path)
                    .param("note", "hello").with(csrf())).andReturn().getResponse();
            // With the token the same request goes further (to the sign-in redirect, or the form
            // itself), so the 403 without it was the CSRF check's.
            if (without.getStatus() != 403 || with.getStatus() == 403) {
                unprotected.add(action + ": " + without.getStatus() + " without the token, " + with.getStatus() + " with it");
            }
        }
        assertThat(unprotected).as("page actions not guarded by the CSRF token").isEmpty();
    }

    @Test
    void pagesAndTheApiSendTheSecurityHeaders() throws Exception {
        var page = mvc.perform(MockMvcRequestBuilders.get("/signin")).andReturn().getResponse();
        assertThat(page.getHeader("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                        "object-src 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("same-origin");

        var api = mvc.perform(MockMvcRequestBuilders.get(API + "/me")).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(401);
        assertThat(api.getHeader("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(api.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.getHeader("Set-Cookie")).as("the API sets no session cookie").isNull();
    }

    @Test
    void signingInIssuesANewSessionAndSigningOutEndsIt() throws Exception {
        Member member = members.create("Session", "Keeper");
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        String form = http.send(HttpRequest.newBuilder(uri("/signin")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String before = session(cookies);
        assertThat(before).as("a session before signing in (it holds the CSRF token)").isNotNull();

        var signedIn = http.send(post("/signin", "email=" + enc(member.email()) + "&password=" + enc(TestMembers.PASSWORD)
                + "&_csrf=" + enc(csrfToken(form))), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as("signed in: %s", signedIn.body()).isEqualTo(302);
        String after = session(cookies);
        assertThat(after).as("a new session id after signing in").isNotNull().isNotEqualTo(before);

        var home = http.send(HttpRequest.newBuilder(uri("/settings")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).as("a signed-in page").contains("action=\"/signout\"");

        // The old session id, planted before sign-in, is worth nothing.
        HttpClient planted = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var withOld = planted.send(HttpRequest.newBuilder(uri("/settings")).header("Cookie", "JSESSIONID=" + before).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withOld.statusCode()).isEqualTo(302);
        assertThat(withOld.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/signin"));

        var signedOut = http.send(post("/signout", "_csrf=" + enc(csrfToken(home.body()))), HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(302);
        var afterSignOut = planted.send(HttpRequest.newBuilder(uri("/settings")).header("Cookie", "JSESSIONID=" + after).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterSignOut.statusCode()).as("the signed-out session no longer signs anyone in").isEqualTo(302);
        assertThat(afterSignOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/signin"));
    }

    @Test
    void anApiCallWithABearerTokenLeavesTheBrowserSessionAlone() throws Exception {
        Member member = members.create("Both", "Doors");
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String form = http.send(HttpRequest.newBuilder(uri("/signin")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(http.send(post("/signin", "email=" + enc(member.email()) + "&password=" + enc(TestMembers.PASSWORD)
                + "&_csrf=" + enc(csrfToken(form))), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        String token = signIn(member).token();

        // The same client calls the API with its token while its session cookie rides along.
        var api = http.send(HttpRequest.newBuilder(uri("/api/v1/me")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Set-Cookie")).as("the API touches no session").isEmpty();

        var page = http.send(HttpRequest.newBuilder(uri("/settings")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the page session survived the API call").isEqualTo(200);
        assertThat(page.body()).contains("action=\"/signout\"");

        // And the session alone does not open the API (it has no CSRF protection to lean on).
        HttpClient cookieOnly = HttpClient.newBuilder().cookieHandler(cookies).build();
        assertThat(cookieOnly.send(HttpRequest.newBuilder(uri("/api/v1/me")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    private static String csrfToken(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return m.group(1);
    }

    private static String session(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpRequest post(String path, String form) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
