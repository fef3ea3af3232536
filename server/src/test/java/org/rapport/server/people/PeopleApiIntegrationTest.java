package org.rapport.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** Other members' profiles as the caller sees them: degree badge, mutual count, invitation state (C1, C2). */
@SqliteSpringTest
class PeopleApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void degreeAndMutualCountAreSeenFromTheCaller() {
        // me - a1 - b - c - d, me - a2 - b; far is connected to nobody.
        Caller me = caller("Mel");
        Caller a1 = caller("Anna");
        Caller a2 = caller("Arne");
        Caller b = caller("Bea");
        Caller c = caller("Cy");
        Caller d = caller("Dot");
        Caller far = caller("Faraway");
        connect(me, a1);
        connect(me, a2);
        connect(a1, b);
        connect(a2, b);
        connect(b, c);
        connect(c, d);

        assertThat(view(me, me).path("degree").asString()).isEqualTo("SELF");
        assertThat(view(me, a1).path("degree").asString()).isEqualTo("FIRST");
        JsonNode second = view(me, b);
        assertThat(second.path("degree").asString()).isEqualTo("SECOND");
        assertThat(second.path("mutualConnectionCount").asInt()).isEqualTo(2);
        JsonNode third = view(me, c);
        assertThat(third.path("degree").asString()).isEqualTo("THIRD");
        assertThat(third.path("mutualConnectionCount").asInt()).isZero();
        assertThat(view(me, d).path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(view(me, far).path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(view(c, me).path("degree").asString()).as("degrees are symmetric").isEqualTo("THIRD");
        assertThat(view(a1, a2).path("mutualConnectionCount").asInt()).as("me and b").isEqualTo(2);

        JsonNode anna = view(me, a1);
        assertThat(anna.path("id").asString()).isEqualTo(a1.key());
        assertThat(anna.path("name").asString()).isEqualTo("Anna Test");
        assertThat(anna.path("invitation").asString()).isEqualTo("NONE");
        assertThat(anna.path("connectionCount").asLong()).as("a connection sees Anna's count").isEqualTo(2);
    }

    @Test
    void invitationStateIsSentToTheSenderAndReceivedToTheRecipient() {
        Caller me = caller("Ines");
        Caller them = caller("Theo");
        Caller stranger = caller("Stan");
        assertThat(view(me, them).path("invitation").asString()).isEqualTo("NONE");

        String invitationId = post(me, "/invitations", Map.of("inviteeId", them.key())).expect(201).text("id");

        JsonNode mine = view(me, them);
        assertThat(mine.path("invitation").asString()).isEqualTo("SENT");
        assertThat(mine.path("invitationId").asString()).isEqualTo(invitationId);
        JsonNode theirs = view(them, me);
        assertThat(theirs.path("invitation").asString()).isEqualTo("RECEIVED");
        assertThat(theirs.path("invitationId").asString()).isEqualTo(invitationId);
        assertThat(view(stranger, me).path("invitation").asString()).as("nobody else's business").isEqualTo("NONE");

        post(them, "/invitations/" + invitationId + "/accept").expect(200);
        JsonNode connected = view(me, them);
        assertThat(connected.path("degree").asString()).isEqualTo("FIRST");
        assertThat(connected.path("invitation").asString()).isEqualTo("NONE");
    }

    @Test
    void aMissingOrMalformedMemberIdIsNotFound() {
        Caller me = caller("Nora");
        for (String id : new String[] {"987654321", "abc", "-5", "0", "1.5", "99999999999999999999999", "3000000000"}) {
            Response r = get(me, "/members/" + id).expectProblem(404);
            assertThat(r.problemType()).as(id).endsWith("/not-found");
        }
    }

    @Test
    void findingMembersByNameGivesCardsWithDegrees() {
        Caller me = caller("Quinn", "Seeker");
        Caller friend = caller("Quentin", "Zyxwvut");
        connect(me, friend);

        Response found = get(me, "/members?q=zyxwvut").expect(200);

        assertThat(found.itemIds()).containsExactly(friend.key());
        assertThat(found.body().path("items").get(0).path("degree").asString()).isEqualTo("FIRST");
    }

    private JsonNode view(Caller viewer, Caller member) {
        return get(viewer, "/members/" + member.key()).expect(200).body();
    }
}
