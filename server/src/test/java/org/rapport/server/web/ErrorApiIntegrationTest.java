package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/**
 * Whatever a client sends, the API answers with problem+json and a 4xx status it can act on, never
 * a 500 and never a stack trace: broken JSON, unknown or mistyped fields, wrong media types and
 * methods, addresses that do not exist. Some of these only reach the error controller through a
 * real servlet container, so they are checked over HTTP too.
 */
@SqliteSpringTest
class ErrorApiIntegrationTest extends ApiIntegrationContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private static final List<String> BROKEN_JSON = List.of("{", "{\"email\": }", "not json", "{}}",
            "[1, 2", "\"unterminated", "{\"email\": \"x\" \"password\": \"y\"}", "\u0000");

    /** The endpoints that read a JSON body, with a path that exists for {@code me}. */
    private List<String[]> jsonEndpoints(Caller me, String invitationId) {
        return List.of(
                new String[] {"POST", "/accounts"},
                new String[] {"POST", "/tokens"},
                new String[] {"POST", "/invitations"},
                new String[] {"PATCH", "/me/profile"},
                new String[] {"PATCH", "/me/settings"},
                new String[] {"POST", "/invitations/" + invitationId + "/ignore"},
                new String[] {"POST", "/invitations/" + invitationId + "/snooze"});
    }

    private Response send(Caller as, String verb, String path, String body) {
        var request = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(verb), API + path);
        return perform(as, request, body);
    }

    @Test
    void malformedJsonIsABadRequestOnEveryEndpoint() {
        Caller me = caller("Broken");
        String invitationId = post(caller("Sender"), "/invitations", Map.of("inviteeId", me.key())).expect(201)
                .text("id");

        for (String[] endpoint : jsonEndpoints(me, invitationId)) {
            for (String body : BROKEN_JSON) {
                Response r = send(me, endpoint[0], endpoint[1], body).expectProblem(400);
                assertThat(r.problemType()).as("%s %s with %s", endpoint[0], endpoint[1], body)
                        .endsWith("/malformed-request");
            }
        }
        assertThat(get(me, "/invitations/received").itemIds()).as("nothing was ignored or snoozed")
                .containsExactly(invitationId);
    }

    @Test
    void unknownJsonFieldsAreABadRequestNamingTheField() {
        Caller me = caller("Typo");
        patch(me, "/me/profile", Map.of("headlien", "Engineer")).expectFieldErrors("headlien");
        post(null, "/accounts", Map.of("email", unique("typo"), "password", "a long enough password",
                "name", "Typo Account", "admin", true)).expectFieldErrors("admin");
        post(me, "/invitations", Map.of("inviteeId", caller("Other").key(), "message", "hi"))
                .expectFieldErrors("message");
        patch(me, "/me/profile", Map.of("positions", List.of(Map.of("company", "Acme", "role", "Boss"))))
                .expectFieldErrors("positions[0].role");

        assertThat(get(me, "/me").body().path("headline").asString()).as("nothing was written").isEmpty();
        assertThat(get(me, "/invitations/sent").body().path("total").asLong()).isZero();
    }

    @Test
    void mistypedJsonFieldsAreABadRequestNamingTheField() {
        Caller me = caller("Types");
        send(me, "PATCH", "/me/profile", "{\"skills\": \"Java\"}").expectFieldErrors("skills");
        send(me, "PATCH", "/me/profile", "{\"positions\": [{\"company\": \"A\", \"from\": \"nineteen\"}]}")
                .expectFieldErrors("positions[0].from");
        send(me, "PATCH", "/me/profile", "{\"handles\": [\"me\"]}").expectFieldErrors("handles");
        send(me, "PATCH", "/me/profile", "{\"headline\": {\"text\": \"x\"}}").expectFieldErrors("headline");
        send(me, "POST", "/invitations", "{\"inviteeId\": {\"id\": 1}}").expectFieldErrors("inviteeId");
        send(me, "POST", "/invitations", "{\"inviteeId\": [1]}").expectFieldErrors("inviteeId");
        send(null, "POST", "/tokens", "{\"email\": [], \"password\": \"x\"}").expectFieldErrors("email");
        send(me, "PATCH", "/me/profile", "[]").expectProblem(400);
        send(me, "PATCH", "/me/profile", "42").expectProblem(400);
    }

    @Test
    void missingOrEmptyBodiesAreABadRequest() {
        Caller me = caller("Empty");
        perform(me, MockMvcRequestBuilders.patch(API + "/me/profile"), null).expectProblem(400);
        perform(null, MockMvcRequestBuilders.post(API + "/accounts"), null).expectProblem(400);
        send(me, "PATCH", "/me/profile", "").expectProblem(400);
        send(me, "PATCH", "/me/profile", "null").expectProblem(400);
        send(null, "POST", "/accounts", "null").expectProblem(400);
        send(null, "POST", "/accounts", "{}").expectFieldErrors("email", "password", "firstName");
        send(me, "POST", "/invitations", "{}").expectFieldErrors("inviteeId");
        perform(me, MockMvcRequestBuilders.post(API + "/invitations"), null).expectFieldErrors("inviteeId");
        assertThat(send(me, "PATCH", "/me/profile", "{}").expect(200).body().path("id").asString())
                .as("an empty change changes nothing").isEqualTo(me.key());
    }

    @Test
    void wrongMediaTypeIsUnsupported() {
        Caller me = caller("Media");
        var request = MockMvcRequestBuilders.patch(API + "/me/profile")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + me.token())
                .contentType("text/plain").content("headline=x");
        perform(request).expectProblem(415);
        var form = MockMvcRequestBuilders.post(API + "/accounts")
                .contentType("application/x-www-form-urlencoded").content("email=a%40b.org&password=secret12");
        perform(form).expectProblem(415);
    }

    @Test
    void wrongParameterTypesAreABadRequestAndWrongIdsNotFound() {
        Caller me = caller("Params");
        get(me, "/invitations/received?snoozed=maybe").expectFieldErrors("snoozed");
        get(me, "/members/" + me.key() + "/connections?limit=many").expectFieldErrors("limit");
        get(me, "/members/" + me.key() + "/connections?limit=1000").expectFieldErrors("limit");
        post(me, "/invitations/1e3/accept").expectProblem(404);
        send(me, "POST", "/invitations/987654321/snooze", "{\"days\": 7}").expectProblem(404);
    }

    @Test
    void snoozeDaysMustBeOneSevenOrThirty() {
        Caller me = caller("Snoozer");
        String id = post(caller("Sender"), "/invitations", Map.of("inviteeId", me.key())).expect(201).text("id");

        send(me, "POST", "/invitations/" + id + "/snooze", "{\"days\": 2}").expectFieldErrors("days");
        send(me, "POST", "/invitations/" + id + "/snooze", "{\"days\": \"week\"}").expectFieldErrors("days");
        JsonNode snoozed = send(me, "POST", "/invitations/" + id + "/snooze", "{\"days\": 30}").expect(200).body();

        assertThat(snoozed.path("snoozedUntil").asString()).isNotBlank();
        assertThat(get(me, "/invitations/received").body().path("items")).isEmpty();
        assertThat(get(me, "/invitations/received?snoozed=true").itemIds()).containsExactly(id);
    }

    // Over real HTTP: these go through Tomcat's error dispatch, which MockMvc does not have.

    private HttpResponse<String> http(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("%s answered %s", r.uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = json.readTree(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asString()).isNotBlank();
        assertThat(p.path("title").asString()).isNotBlank();
        assertThat(p.path("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "org.rapport", "tools.jackson");
    }

    @Test
    void overHttpEveryFailureIsProblemJson() throws Exception {
        Caller me = caller("Wire");

        assertProblem(http("GET", "/api/v1/me", null, null), 401);
        assertProblem(http("GET", "/api/v1/me", "rpt_wrong", null), 401);
        assertProblem(http("POST", "/api/v1/accounts", null, "{\"email\": "), 400);
        assertProblem(http("PATCH", "/api/v1/me/profile", me.token(), "{\"headline\": [}"), 400);
        assertProblem(http("GET", "/api/v1/no-such-thing", me.token(), null), 404);
        assertProblem(http("PUT", "/api/v1/me", me.token(), "{}"), 405);
        assertProblem(http("GET", "/api/v1/members/nope", me.token(), null), 404);
        assertProblem(http("POST", "/api/v1/invitations", me.token(), "{\"inviteeId\": \"" + me.key() + "\"}"), 409);
        HttpResponse<String> ok = http("GET", "/api/v1/me", me.token(), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }
}
