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
    void openApiDocumentIsVersion31AndListsTheContractPaths() {
        JsonNode doc = perform(MockMvcRequestBuilders.get("/v3/api-docs")).expect(200).body();

        assertThat(doc.path("openapi").asString()).startsWith("3.1");
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

    @Test
    void healthIsUp() {
        JsonNode health = perform(MockMvcRequestBuilders.get("/actuator/health")).expect(200).body();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode graph = health.path("components").path("graph");
        assertThat(graph.path("status").asString()).isEqualTo("UP");
        assertThat(graph.path("details").path("logHead").asLong())
                .isGreaterThanOrEqualTo(graph.path("details").path("appliedPosition").asLong());
        assertThat(graph.path("details").path("loadedFrom").asString()).isNotEmpty();
    }

    @Test
    void prometheusExposesRapportMetrics() {
        Caller ada = caller("Metric");
        post(ada, "/invitations", Map.of("inviteeId", caller("Counted").key())).expect(201);

        var r = perform(MockMvcRequestBuilders.get("/actuator/prometheus").accept("text/plain")).expect(200);

        assertThat(r.rawText()).contains("rapport_graph_connections", "rapport_graph_members",
                "rapport_invitations_total{");
        assertThat(r.rawText()).containsPattern("rapport_invitations_total\\{[^}]*outcome=\"sent\"[^}]*} [1-9]");
    }
}
