package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/** What operators and integrators read without signing in: the OpenAPI document, health and metrics. */
@SqliteSpringTest
class OperationsApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void openApiDocumentIsVersion30AndListsTheContractPaths() {
        JsonNode doc = perform(MockMvcRequestBuilders.get("/v3/api-docs")).expect(200).body();

        assertThat(doc.path("openapi").asString()).startsWith("3.0");
        JsonNode paths = doc.path("paths");
        Map<String, String[]> contract = Map.ofEntries(
                Map.entry("/api/v1/accounts", new String[] {"post"}),
                Map.entry("/api/v1/tokens", new String[] {"post"}),
                Map.entry("/api/v1/tokens/current", new String[] {"delete"}),
                Map.entry("/api/v1/me", new String[] {"get", "delete"}),
                Map.entry("/api/v1/me/profile", new String[] {"patch"}),
                Map.entry("/api/v1/members/{id}", new String[] {"get"}),
                Map.entry("/api/v1/invitations", new String[] {"post"}),
                Map.entry("/api/v1/invitations/received", new String[] {"get"}),
                Map.entry("/api/v1/invitations/sent", new String[] {"get"}),
                Map.entry("/api/v1/invitations/{id}/accept", new String[] {"post"}),
                Map.entry("/api/v1/invitations/{id}/ignore", new String[] {"post"}),
                Map.entry("/api/v1/invitations/{id}/withdraw", new String[] {"post"}),
                Map.entry("/api/v1/members/{id}/connections", new String[] {"get"}),
                Map.entry("/api/v1/members/{id}/mutual-connections", new String[] {"get"}),
                Map.entry("/api/v1/connections/{memberId}", new String[] {"delete"}),
                Map.entry("/api/v1/notifications", new String[] {"get"}),
                Map.entry("/api/v1/notifications/read", new String[] {"post"}),
                Map.entry("/api/v1/members/{id}/path", new String[] {"get"}),
                Map.entry("/api/v1/me/network", new String[] {"get"}));
        contract.forEach((path, verbs) -> {
            assertThat(paths.has(path)).as("OpenAPI lists %s", path).isTrue();
            for (String verb : verbs) {
                assertThat(paths.path(path).has(verb)).as("OpenAPI lists %s %s", verb, path).isTrue();
            }
        });
        assertThat(paths.propertyNames()).as("only the API is documented").allMatch(p -> p.startsWith("/api/v1/"));
        JsonNode connections = paths.path("/api/v1/members/{id}/connections").path("get").path("parameters");
        assertThat(connections.valueStream().map(p -> p.path("name").asString()))
                .contains("sort", "q", "location", "company", "school", "industry", "limit", "cursor");
    }

    /** Issue 17: what a load balancer and a stranger get, what only an administrator gets. */
    private org.springframework.test.web.servlet.request.RequestPostProcessor asAdmin() {
        var root = members.create("Operator", "Root");
        admin.grantFromCommandLine(root.email(), "admin");
        var principal = new org.rapport.server.account.MemberPrincipal(root.id(),
                memberRepository.findSecurityStamp(root.id()).orElseThrow());
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_MEMBER"))));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.rapport.server.admin.AdminService admin;
    @org.springframework.beans.factory.annotation.Autowired
    org.rapport.server.member.MemberRepository memberRepository;

    @Test
    void healthStatusLivenessAndReadinessAreOpenButDetailsAreForAdministrators() {
        JsonNode open = perform(MockMvcRequestBuilders.get("/actuator/health")).expect(200).body();
        assertThat(open.path("status").asString()).isEqualTo("UP");
        assertThat(open.has("components")).as("no components for a stranger").isFalse();
        perform(MockMvcRequestBuilders.get("/actuator/health/liveness")).expect(200);
        perform(MockMvcRequestBuilders.get("/actuator/health/readiness")).expect(200);

        JsonNode health = perform(MockMvcRequestBuilders.get("/actuator/health").with(asAdmin())).expect(200).body();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode graph = health.path("components").path("graph");
        assertThat(graph.path("status").asString()).isEqualTo("UP");
        assertThat(graph.path("details").path("logHead").asLong())
                .isGreaterThanOrEqualTo(graph.path("details").path("appliedPosition").asLong());
        assertThat(graph.path("details").path("loadedFrom").asString()).isNotEmpty();
    }

    @Test
    void prometheusIsForAdministratorsOnTheMainPort() {
        Caller ada = caller("Metric");
        post(ada, "/invitations", Map.of("inviteeId", caller("Counted").key())).expect(201);

        var stranger = perform(MockMvcRequestBuilders.get("/actuator/prometheus").accept("text/plain"));
        assertThat(stranger.status()).isEqualTo(302);
        assertThat(stranger.header("Location")).startsWith("/signin");
        var member = members.create("Curious", "Member");
        var principal = new org.rapport.server.account.MemberPrincipal(member.id(),
                memberRepository.findSecurityStamp(member.id()).orElseThrow());
        assertThat(perform(MockMvcRequestBuilders.get("/actuator/prometheus").accept("text/plain")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(principal,
                                null, java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                        "ROLE_MEMBER")))))).status()).isEqualTo(403);

        var r = perform(MockMvcRequestBuilders.get("/actuator/prometheus").accept("text/plain").with(asAdmin())).expect(200);

        assertThat(r.rawText()).contains("rapport_graph_connections", "rapport_graph_members",
                "rapport_invitations_total{");
        assertThat(r.rawText()).containsPattern("rapport_invitations_total\\{[^}]*outcome=\"sent\"[^}]*} [1-9]");
    }

    @Test
    void robotsTxtAsksCrawlersToIndexNothing() {
        var r = perform(MockMvcRequestBuilders.get("/robots.txt")).expect(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.rawText()).isEqualTo("User-agent: *\nDisallow: /\n");
    }
}
