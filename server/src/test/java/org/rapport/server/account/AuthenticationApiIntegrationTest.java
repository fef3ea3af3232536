package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who may call the API: every endpoint but sign-up and sign-in needs a valid bearer token. */
@SqliteSpringTest
class AuthenticationApiIntegrationTest extends ApiIntegrationContract {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Every API endpoint the application maps, as "METHOD /path" with path variables filled in. */
    private List<String[]> apiEndpoints() {
        List<String[]> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(API + "/")) {
                    continue;
                }
                var verbs = info.getMethodsCondition().getMethods();
                for (RequestMethod verb : verbs.isEmpty() ? List.of(RequestMethod.GET) : verbs) {
                    endpoints.add(new String[] {verb.name(), pattern.replaceAll("\\{[^}]+}", "1")});
                }
            }
        });
        return endpoints;
    }

    private static boolean isOpen(String[] endpoint) {
        return endpoint[0].equals("POST")
                && (endpoint[1].equals(API + "/accounts") || endpoint[1].equals(API + "/tokens")
                || endpoint[1].equals(API + "/password-resets") || endpoint[1].equals(API + "/password-resets/1"));
    }

    private Response call(String[] endpoint, String authorization) {
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint[0]), endpoint[1]);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (!endpoint[0].equals("GET") && !endpoint[0].equals("DELETE")) {
            request.contentType("application/json").content("{}");
        }
        return perform(request);
    }

    @Test
    void everyApiEndpointButSignUpAndSignInNeedsAToken() {
        List<String[]> endpoints = apiEndpoints();
        TreeSet<String> seen = new TreeSet<>();
        endpoints.forEach(e -> seen.add(e[0] + " " + e[1]));
        assertThat(seen).as("the contract's endpoints are all mapped").contains(
                "POST /api/v1/accounts", "POST /api/v1/tokens", "DELETE /api/v1/tokens/current", "GET /api/v1/me",
                "PATCH /api/v1/me/profile", "DELETE /api/v1/me", "GET /api/v1/members/1",
                "POST /api/v1/invitations", "GET /api/v1/invitations/received", "GET /api/v1/invitations/sent",
                "POST /api/v1/invitations/1/accept", "POST /api/v1/invitations/1/ignore",
                "POST /api/v1/invitations/1/withdraw", "GET /api/v1/members/1/connections",
                "GET /api/v1/members/1/mutual-connections", "DELETE /api/v1/connections/1",
                "GET /api/v1/notifications", "POST /api/v1/notifications/read", "GET /api/v1/members/1/path",
                "GET /api/v1/me/network");

        for (String[] endpoint : endpoints) {
            if (isOpen(endpoint)) {
                Response open = call(endpoint, null);
                assertThat(open.status()).as("%s %s", endpoint[0], endpoint[1]).isLessThan(500);
                assertThat(open.problemType()).as("%s %s is open", endpoint[0], endpoint[1])
                        .doesNotEndWith("/unauthenticated");
                continue;
            }
            for (String authorization : new String[] {null, "Bearer rpt_not-a-real-token", "Bearer ", "Bearer",
                    "Basic dXNlcjpwYXNzd29yZA==", "rpt_no-scheme", "Bearer " + "x".repeat(500)}) {
                Response r = call(endpoint, authorization).expectProblem(401);
                assertThat(r.problemType()).endsWith("/unauthenticated");
            }
        }
        assertThat(endpoints.size()).isGreaterThanOrEqualTo(seen.size());
    }

    @Test
    void expiredTokenIsRefused() {
        Caller me = caller("Old", "Token");
        get(me, "/me").expect(200);

        clock.advance(Duration.ofDays(90));

        get(me, "/me").expectProblem(401);
        get(signIn(me), "/me").expect(200);
    }

    @Test
    void signUpAndSignInNeedNoTokenAndIgnoreABadOne() {
        String email = unique("open");
        var signUp = MockMvcRequestBuilders.post(API + "/accounts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer rpt_stale");
        perform(signUp.contentType("application/json").content(json.writeValueAsString(
                Map.of("email", email, "password", "a long enough password", "name", "Open Door")))).expect(201);
        var signIn = MockMvcRequestBuilders.post(API + "/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer rpt_stale");
        perform(signIn.contentType("application/json").content(json.writeValueAsString(
                Map.of("email", email, "password", "a long enough password")))).expect(201);
    }

    @Test
    void aTokenActsAsItsOwnMemberOnly() {
        Caller ada = caller("Ada", "Own");
        Caller bob = caller("Bob", "Other");

        assertThat(get(ada, "/me").body().path("id").asString()).isEqualTo(ada.key());
        assertThat(get(bob, "/me").body().path("id").asString()).isEqualTo(bob.key());
        assertThat(get(ada, "/me").rawText()).doesNotContain(bob.member().email());
    }

    @Test
    void apiResponsesCarryNoSessionCookie() {
        Caller me = caller("Cookie", "Less");
        var response = perform(MockMvcRequestBuilders.get(API + "/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + me.token())).expect(200);
        assertThat(response.header(HttpHeaders.SET_COOKIE)).isNull();
    }
}
