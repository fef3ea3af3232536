package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/**
 * Issue 15, "done when" (the API part): Her hides her connections (ONLY_ME). As a 1st-, 2nd-,
 * 3rd-degree member and a stranger, every member id of the world is scanned through the graph
 * endpoints (mutual connections, path, profile, connections, also viewed) plus suggestions and a
 * search for each hidden connection by name: no answer names her next to one of her hidden
 * connections, and no card of a hidden connection counts her as a mutual connection.
 *
 * <pre>
 *   Z (stranger)     T ── S ── F ── Her ── X1, X2 (hidden: connected to her alone)
 * </pre>
 */
@SqliteSpringTest
class HiddenConnectionsScanApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void noAnswerToAnyViewerNamesOrCountsHerHiddenConnections() {
        String surname = "Scan" + System.nanoTime();
        Caller her = caller("Her", surname);
        Caller x1 = caller("Hiddenone", surname);
        Caller x2 = caller("Hiddentwo", surname);
        Caller f = caller("First", surname);
        Caller s = caller("Second", surname);
        Caller t = caller("Third", surname);
        Caller z = caller("Stranger", surname);
        connect(her, x1);
        connect(her, x2);
        connect(f, her);
        connect(s, f);
        connect(t, s);
        patch(her, "/me/settings", Map.of("connectionsVisibility", "ONLY_ME")).expect(200);
        Set<String> hidden = Set.of(x1.key(), x2.key());
        String herId = "\"id\":\"" + her.key() + "\"";

        List<Caller> everyone = List.of(her, x1, x2, f, s, t, z);
        long from = everyone.stream().mapToLong(Caller::id).min().orElseThrow() - 3;
        long to = everyone.stream().mapToLong(Caller::id).max().orElseThrow() + 3;
        int answers = 0;
        for (Caller viewer : List.of(f, s, t, z)) {
            for (long id = from; id <= to; id++) {
                String key = Long.toString(id);
                if (id == viewer.id()) {
                    continue;
                }
                for (String path : List.of("/members/" + key + "/mutual-connections?limit=100", "/members/" + key + "/path",
                        "/members/" + key, "/members/" + key + "/connections?limit=100", "/members/" + key + "/also-viewed")) {
                    Response r = get(viewer, path);
                    assertThat(r.status()).as("%s as %s", path, viewer.member().firstName()).isLessThan(500);
                    if (r.status() != 200) {
                        continue;
                    }
                    answers++;
                    String text = r.body().toString();
                    if (hidden.contains(key)) {
                        assertThat(text).as("%s as %s names her", path, viewer.member().firstName()).doesNotContain(herId);
                    }
                    if (id == her.id()) {
                        for (String x : hidden) {
                            assertThat(text).as("%s as %s names a hidden connection", path, viewer.member().firstName())
                                    .doesNotContain("\"id\":\"" + x + "\"");
                        }
                    }
                    assertNoHiddenCardCountsHer(r.body(), hidden, path + " as " + viewer.member().firstName());
                }
            }
            JsonNode suggestions = get(viewer, "/suggestions?limit=50").expect(200).body();
            for (String x : hidden) {
                assertThat(suggestions.toString()).as("suggestions for %s", viewer.member().firstName())
                        .doesNotContain("\"id\":\"" + x + "\"");
            }
            for (Caller x : List.of(x1, x2)) {
                JsonNode found = get(viewer, "/search/people?q=" + x.member().firstName() + "&degree=1,2,3").expect(200).body();
                assertNoHiddenCardCountsHer(found, hidden, "search as " + viewer.member().firstName());
            }
        }
        assertThat(answers).as("answers read").isGreaterThan(40);
    }

    /** Every card of a hidden connection in the answer shows a mutual count of 0: her, the only mutual, is not counted. */
    private static void assertNoHiddenCardCountsHer(JsonNode node, Set<String> hidden, String what) {
        List<JsonNode> stack = new ArrayList<>(List.of(node));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.isObject() && hidden.contains(n.path("id").asString()) && n.has("mutualConnectionCount")) {
                assertThat(n.path("mutualConnectionCount").asInt()).as("%s: mutual count of %s", what,
                        n.path("id").asString()).isZero();
            }
            if (n.isObject() || n.isArray()) {
                for (JsonNode c : n) {
                    stack.add(c);
                }
            }
        }
    }
}
