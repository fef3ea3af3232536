package org.rapport.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.rapport.server.account.AccountService;
import org.rapport.server.member.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API as a client sees it, through MockMvc and the real security filter chain: members
 * with bearer tokens, requests with JSON bodies, and responses read as JSON trees. API suites
 * extend this under {@link SqliteSpringTest}, so they share the one cached context and keep the
 * invariants of {@link IntegrationContract}.
 */
public abstract class ApiIntegrationContract extends IntegrationContract {

    protected static final String API = "/api/v1";

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected AccountService accounts;

    /** A member and a bearer token of theirs. */
    public record Caller(Member member, String token) {

        public long id() {
            return member.id();
        }

        /** The id as the API spells it. */
        public String key() {
            return Long.toString(member.id());
        }
    }

    protected Caller caller(String firstName) {
        return caller(firstName, "Test");
    }

    protected Caller caller(String firstName, String lastName) {
        return signIn(members.create(firstName, lastName));
    }

    /** A fresh token for a member (tokens live 90 days: issue new ones after moving the clock far). */
    protected Caller signIn(Member member) {
        return new Caller(member, accounts.issueToken(member.id()).token());
    }

    protected Caller signIn(Caller caller) {
        return signIn(caller.member());
    }

    protected void connect(Caller a, Caller b) {
        connect(a.member(), b.member());
    }

    protected static String unique(String local) {
        return local + "." + System.nanoTime() + "@example.org";
    }

    protected Response get(Caller as, String path) {
        return perform(as, MockMvcRequestBuilders.get(API + path), null);
    }

    protected Response post(Caller as, String path) {
        return perform(as, MockMvcRequestBuilders.post(API + path), null);
    }

    protected Response post(Caller as, String path, Object body) {
        return perform(as, MockMvcRequestBuilders.post(API + path), body);
    }

    protected Response patch(Caller as, String path, Object body) {
        return perform(as, MockMvcRequestBuilders.patch(API + path), body);
    }

    protected Response put(Caller as, String path, Object body) {
        return perform(as, MockMvcRequestBuilders.put(API + path), body);
    }

    protected Response delete(Caller as, String path) {
        return perform(as, MockMvcRequestBuilders.delete(API + path), null);
    }

    /** Sends {@code body} as JSON (a string is sent as it is, so tests can send broken JSON). */
    protected Response perform(Caller as, AbstractMockHttpServletRequestBuilder<?> request, Object body) {
        request.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (as != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(body instanceof String s ? s : json.writeValueAsString(body));
        }
        return perform(request);
    }

    /**
     * This test's own client address: every test class shares one application, whose per-client
     * limits (sign-ups an hour, sign-in failures) would otherwise add up over the whole suite for
     * MockMvc's single 127.0.0.1. A test that sets an address of its own keeps it.
     */
    private final String client = "10.200." + ThreadLocalRandom.current().nextInt(256) + "."
            + (1 + ThreadLocalRandom.current().nextInt(254));

    /** Sends the request as built: no token, no {@code Accept} header unless the builder has them. */
    protected Response perform(AbstractMockHttpServletRequestBuilder<?> request) {
        request.with(r -> {
            if ("127.0.0.1".equals(r.getRemoteAddr())) {
                r.setRemoteAddr(client);
            }
            return r;
        });
        try {
            var result = mvc.perform(request).andReturn();
            Response response = new Response(result.getRequest().getMethod() + " " + result.getRequest().getRequestURI(),
                    result.getResponse(), json);
            List<String> mismatches = ApiContractCheck.mismatches(ApiContractCheck.validator(this::servedDocument),
                    result.getRequest(), result.getResponse(), response.rawText());
            assertThat(mismatches).as("%s disagrees with the OpenAPI document (%s)", response.request, response.text)
                    .isEmpty();
            return response;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the request failed outside the application: " + e, e);
        }
    }

    /** The document the application serves, which every API call is checked against. */
    private String servedDocument() {
        try {
            return mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("no OpenAPI document: " + e, e);
        }
    }

    /** What came back: status, headers and, when there is one, the JSON body. */
    public static final class Response {

        private final String request;
        private final MockHttpServletResponse raw;
        private final String text;
        private final JsonNode body;

        Response(String request, MockHttpServletResponse raw, JsonMapper json) {
            this.request = request;
            this.raw = raw;
            try {
                this.text = raw.getContentAsString(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            String type = raw.getContentType();
            this.body = !text.isEmpty() && type != null && type.toLowerCase(Locale.ROOT).contains("json")
                    ? json.readTree(text) : null;
        }

        public int status() {
            return raw.getStatus();
        }

        public Response expect(int status) {
            assertThat(raw.getStatus()).as("%s answered %s", request, text).isEqualTo(status);
            return this;
        }

        /** An RFC 9457 problem with this status: the media type and every member the contract names. */
        public Response expectProblem(int status) {
            expect(status);
            assertThat(raw.getContentType()).as("%s content type", request).startsWith("application/problem+json");
            assertThat(body).as("%s problem body", request).isNotNull();
            assertThat(body.path("status").asInt()).isEqualTo(status);
            assertThat(body.path("type").asString()).as("type").isNotBlank();
            assertThat(body.path("title").asString()).as("title").isNotBlank();
            assertThat(body.path("detail").asString()).as("detail").isNotBlank();
            assertThat(text).as("a problem says nothing about the implementation")
                    .doesNotContain("Exception", "org.rapport", "tools.jackson", "java.", "\tat ");
            return this;
        }

        /** A 400 problem whose {@code errors} name exactly these fields, each with a message. */
        public Response expectFieldErrors(String... fields) {
            expectProblem(400);
            assertThat(errorFields()).as("%s field errors in %s", request, text).containsExactlyInAnyOrder(fields);
            for (JsonNode e : body.path("errors")) {
                assertThat(e.path("message").asString()).as("message for %s", e.path("field")).isNotBlank();
            }
            return this;
        }

        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            for (JsonNode e : body.path("errors")) {
                fields.add(e.path("field").asString());
            }
            return fields;
        }

        public String errorMessage(String field) {
            for (JsonNode e : body.path("errors")) {
                if (field.equals(e.path("field").asString())) {
                    return e.path("message").asString();
                }
            }
            return null;
        }

        public String detail() {
            return body == null ? "" : body.path("detail").asString();
        }

        public String problemType() {
            return body == null ? "" : body.path("type").asString();
        }

        public JsonNode body() {
            assertThat(body).as("%s JSON body (%s)", request, text).isNotNull();
            return body;
        }

        public String text(String field) {
            return body().path(field).asString();
        }

        /** The ids of {@code items[*]} or, with a path, of {@code items[*].<path>}. */
        public List<String> itemIds(String... path) {
            List<String> ids = new ArrayList<>();
            for (JsonNode item : body().path("items")) {
                JsonNode n = item;
                for (String p : path) {
                    n = n.path(p);
                }
                ids.add(n.path("id").asString());
            }
            return ids;
        }

        public String header(String name) {
            return raw.getHeader(name);
        }

        public String contentType() {
            return raw.getContentType();
        }

        public String rawText() {
            return text;
        }

        @Override
        public String toString() {
            return request + " -> " + raw.getStatus() + " " + text;
        }
    }
}
