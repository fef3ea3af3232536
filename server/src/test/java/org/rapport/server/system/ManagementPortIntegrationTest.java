package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.support.ServerProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server started as an operator runs it with {@code management.server.port} (docs/operating.md,
 * "Metrics and health"): metrics and health details are on the management port, open there, and
 * gone from the main port; liveness and readiness stay on the main port for load balancers.
 */
class ManagementPortIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    private record Reply(int status, String text) {
        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    private static Reply get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    @Test
    void metricsAndHealthDetailsAreOnTheManagementPortOnlyAndProbesStayOnTheMainPort() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "management-port-").toAbsolutePath();
        int management = ServerProcess.freePort();
        server = ServerProcess.start(dir, List.of(), Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(management),
                "MANAGEMENT_SERVER_ADDRESS", "127.0.0.1"), "/readyz");
        int main = server.port();

        // The main port: probes for load balancers, nothing else of the actuator.
        Reply live = get(main, "/livez");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asString()).isEqualTo("UP");
        assertThat(get(main, "/readyz").status()).isEqualTo(200);
        assertThat(get(main, "/actuator/prometheus").status()).isEqualTo(404);
        assertThat(get(main, "/actuator/health").status()).isEqualTo(404);
        assertThat(get(main, "/actuator/health/readiness").status()).isEqualTo(404);

        // The management port: everything, without signing in.
        Reply metrics = get(management, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes").contains("http_server_requests");
        Reply health = get(management, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").has("database")).as("health details: %s", health.text()).isTrue();
        assertThat(health.json().path("components").has("dataDirectory")).isTrue();
        assertThat(get(management, "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get(management, "/actuator/health/readiness").status()).isEqualTo(200);
        // The application itself is not served there.
        assertThat(get(management, "/signin").status()).isEqualTo(404);
    }
}
