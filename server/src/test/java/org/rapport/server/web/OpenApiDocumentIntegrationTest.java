package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document has what every operation must have (issue 19), and says so with a list
 * when an operation added later lacks it: an operation id without springdoc's {@code _1}
 * suffixes, a tag, the bearer scheme unless it is one of the public operations, a JSON (not
 * {@code *}/{@code *}) success answer, problem+json refusals (400 with input, 401 when signed in,
 * 404 with a path id, 429), path ids as strings; a real title; no leaked Jackson tree schemas.
 * The document is written to {@code target/openapi.json} for {@code npx @redocly/cli lint}.
 */
@SqliteSpringTest
class OpenApiDocumentIntegrationTest extends ApiIntegrationContract {

    /** Operations anyone may call without a token. */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/accounts", "POST /api/v1/tokens",
            "POST /api/v1/password-resets", "POST /api/v1/password-resets/{token}");

    @Test
    void everyOperationIsFullyDescribed() throws Exception {
        Response reply = perform(MockMvcRequestBuilders.get("/v3/api-docs")).expect(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), reply.rawText(), StandardCharsets.UTF_8);
        JsonNode doc = reply.body();

        assertThat(doc.path("info").path("title").asString()).isEqualTo("Rapport API");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (var path : doc.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                String verb = entry.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                operations++;
                String name = verb + " " + path.getKey();
                JsonNode op = entry.getValue();
                String id = op.path("operationId").asString("");
                if (id.isEmpty() || id.matches(".*_\\d+$") || !operationIds.add(id)) {
                    problems.add(name + ": operationId '" + id + "' is missing, suffixed or repeated");
                }
                if (op.path("tags").isEmpty()) {
                    problems.add(name + ": no tag");
                }
                boolean isPublic = op.has("security") && op.path("security").isEmpty();
                if (isPublic != PUBLIC.contains(name)) {
                    problems.add(name + (isPublic ? ": public but not listed as public" : ": listed as public but secured"));
                }
                JsonNode responses = op.path("responses");
                boolean success = false;
                for (var r : responses.properties()) {
                    if (r.getKey().startsWith("2")) {
                        success = true;
                        if (r.getValue().path("content").has("*/*")) {
                            problems.add(name + ": " + r.getKey() + " answers */*");
                        }
                    } else if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        if (!r.getValue().path("content").path("application/problem+json").path("schema").path("$ref")
                                .asString("").endsWith("/Problem")) {
                            problems.add(name + ": " + r.getKey() + " is not a problem+json Problem");
                        }
                    }
                }
                if (!success) {
                    problems.add(name + ": no success status");
                }
                boolean input = op.has("requestBody") || !op.path("parameters").isEmpty();
                boolean pathId = false;
                for (JsonNode p : op.path("parameters")) {
                    if ("path".equals(p.path("in").asString())) {
                        pathId = true;
                        if (!"string".equals(p.path("schema").path("type").asString())) {
                            problems.add(name + ": path parameter " + p.path("name").asString() + " is not a string");
                        }
                    }
                }
                expect(problems, name, responses, input, "400");
                expect(problems, name, responses, !isPublic, "401");
                expect(problems, name, responses, pathId, "404");
                expect(problems, name, responses, true, "429");
            }
        }
        for (var schema : doc.path("components").path("schemas").properties()) {
            if (schema.getKey().contains("JsonNode")) {
                problems.add("schema " + schema.getKey() + " leaks Jackson's tree model");
            }
        }
        assertThat(operations).as("operations").isGreaterThan(100);
        assertThat(problems).as("what the document lacks (%d operations)", operations).isEmpty();
    }

    /** Where the document is committed: the client generator (server/pom.xml) and Redocly read it. */
    static final Path COMMITTED = Path.of("../docs/openapi.json");

    /**
     * The committed document is the one the server serves: a change to the API changes it in the
     * same commit. {@code -Drapport.openapi.write=true} writes the served one over it.
     */
    @Test
    void theCommittedDocumentIsTheServedOne() throws Exception {
        JsonNode served = perform(MockMvcRequestBuilders.get("/v3/api-docs")).expect(200).body();
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n";
        if (Boolean.getBoolean("rapport.openapi.write")) {
            Files.writeString(COMMITTED, pretty, StandardCharsets.UTF_8);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), pretty, StandardCharsets.UTF_8);
        assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED.toAbsolutePath()).isTrue();
        assertThat(json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8)))
                .as("docs/openapi.json differs from the served document: run this test with "
                        + "-Drapport.openapi.write=true, or copy server/target/openapi.json, and commit it")
                .isEqualTo(served);
        assertThat(served.path("openapi").asString()).startsWith("3.0");
    }

    private static void expect(List<String> problems, String name, JsonNode responses, boolean needed, String status) {
        if (needed && !responses.has(status)) {
            problems.add(name + ": no " + status + " response");
        }
    }
}
