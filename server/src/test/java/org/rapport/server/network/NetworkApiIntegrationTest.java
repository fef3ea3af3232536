package org.rapport.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** My network size and the chain to another member over the API (C3, C4). */
@SqliteSpringTest
class NetworkApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void pathRunsFromMeToThemWithTheDegreeAndWhatWeShare() {
        Caller me = caller("Pia");
        Caller a = caller("Ari");
        Caller b = caller("Bo");
        Caller c = caller("Cato");
        Caller nobody = caller("Nobody");
        connect(me, a);
        connect(a, b);
        connect(b, c);
        patch(me, "/me/profile", Map.of("education", List.of(Map.of("school", "Delft University")),
                "interests", List.of("Sailing"))).expect(200);
        patch(c, "/me/profile", Map.of("education", List.of(Map.of("school", "delft university")),
                "interests", List.of("sailing", "Chess"))).expect(200);

        JsonNode path = get(me, "/members/" + c.key() + "/path").expect(200).body();

        assertThat(path.path("degree").asString()).isEqualTo("THIRD");
        // B–C is visible to me through neither end (both show their list to connections only), so
        // the chain names A and elides the rest (issue 15).
        assertThat(path.path("path").valueStream().map(n -> n.path("id").asString()))
                .containsExactly(me.key(), a.key(), c.key());
        assertThat(path.path("elided").asBoolean()).isTrue();
        patch(c, "/me/settings", Map.of("connectionsVisibility", "EVERYONE")).expect(200);
        JsonNode open = get(me, "/members/" + c.key() + "/path").expect(200).body();
        assertThat(open.path("path").valueStream().map(n -> n.path("id").asString()))
                .containsExactly(me.key(), a.key(), b.key(), c.key());
        assertThat(open.path("elided").asBoolean()).isFalse();
        assertThat(path.path("shared").path("schools")).hasSize(1);
        assertThat(path.path("shared").path("interests")).hasSize(1);

        JsonNode none = get(me, "/members/" + nobody.key() + "/path").expect(200).body();
        assertThat(none.path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(none.path("path")).isEmpty();
        get(me, "/members/987654321/path").expectProblem(404);
    }

    @Test
    void networkSizeCountsFirstSecondAndThirdDegree() {
        Caller me = caller("Nia");
        Caller a = caller("A1");
        Caller b = caller("B1");
        Caller b2 = caller("B2");
        Caller c = caller("C1");
        connect(me, a);
        connect(a, b);
        connect(a, b2);
        connect(b, c);
        connect(b2, c);

        JsonNode size = get(me, "/me/network").expect(200).body();

        assertThat(size.path("first").asLong()).isEqualTo(1);
        assertThat(size.path("second").asLong()).isEqualTo(2);
        assertThat(size.path("third").asLong()).isEqualTo(1);

        JsonNode alone = get(caller("Alone"), "/me/network").expect(200).body();
        assertThat(alone.path("first").asLong() + alone.path("second").asLong() + alone.path("third").asLong())
                .isZero();
    }
}
