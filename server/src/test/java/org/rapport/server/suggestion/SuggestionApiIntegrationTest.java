package org.rapport.server.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.profileview.ProfileViewRecorder;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** People You May Know, People Also Viewed, profile views, the quota and blocks over the API. */
@SqliteSpringTest
class SuggestionApiIntegrationTest extends ApiIntegrationContract {

    @Autowired
    ProfileViewRecorder recorder;

    @Test
    void suggestionsCarryTheMemberScoreAndReasonsAndDismissingRemovesOne() {
        Caller me = caller("Suggested", "To");
        Caller bridge = caller("Bridge", "Person");
        Caller cy = caller("Cy");
        Caller di = caller("Di");
        connect(me, bridge);
        connect(bridge, cy);
        connect(bridge, di);

        JsonNode body = get(me, "/suggestions?limit=5").expect(200).body();
        assertThat(body.path("nextCursor").isNull()).isTrue();
        JsonNode first = body.path("items").get(0);
        assertThat(first.path("member").path("degree").asString()).isEqualTo("SECOND");
        assertThat(first.path("member").path("mutualConnectionCount").asInt()).isEqualTo(1);
        assertThat(first.path("score").asDouble()).isPositive();
        JsonNode reason = first.path("reasons").get(0);
        assertThat(reason.path("kind").asString()).isEqualTo("MUTUAL_CONNECTIONS");
        assertThat(reason.path("detail").asString()).isEqualTo("1 mutual connection: Bridge Person");
        assertThat(reason.path("members").get(0).path("id").asString()).isEqualTo(bridge.key());
        assertThat(get(me, "/suggestions").body().path("items")).hasSize(2);

        post(me, "/suggestions/" + cy.key() + "/dismiss").expect(204);
        post(me, "/suggestions/" + cy.key() + "/dismiss").expect(204);
        assertThat(get(me, "/suggestions").itemIds("member")).containsExactly(di.key());

        post(me, "/suggestions/" + me.key() + "/dismiss").expectFieldErrors("memberId");
        post(me, "/suggestions/987654321/dismiss").expectProblem(404);
        post(me, "/suggestions/abc/dismiss").expectProblem(404);
        get(me, "/suggestions?limit=0").expectFieldErrors("limit");
        get(me, "/suggestions?limit=101").expectFieldErrors("limit");
    }

    @Test
    void viewsAreCountedAndFeedPeopleAlsoViewed() {
        Caller me = caller("Visitor");
        Caller profile = caller("Visited");
        Caller other = caller("AlsoVisited");
        Caller someone = null;
        for (int i = 0; i < 5; i++) { // People Also Viewed needs 5 viewers behind a member (issue 15)
            someone = caller("Someone" + i);
            get(someone, "/members/" + profile.key()).expect(200);
            get(someone, "/members/" + other.key()).expect(200);
        }
        get(profile, "/members/" + profile.key()).expect(200);
        recorder.flush();

        JsonNode also = get(me, "/members/" + profile.key() + "/also-viewed").expect(200).body();
        assertThat(also.path("items")).hasSize(1);
        assertThat(also.path("items").get(0).path("member").path("id").asString()).isEqualTo(other.key());
        assertThat(also.path("items").get(0).path("kind").asString()).isEqualTo("CO_VIEWED");
        get(me, "/members/" + profile.key() + "/also-viewed?limit=21").expectFieldErrors("limit");
        get(me, "/members/987654321/also-viewed").expectProblem(404);

        JsonNode stats = get(profile, "/me/profile-views").expect(200).body();
        assertThat(stats.path("viewers").asLong()).as("self-views do not count").isEqualTo(5);
        assertThat(stats.path("windowDays").asInt()).isEqualTo(90);
        assertThat(stats.path("weeks")).hasSize(12);
        assertThat(stats.path("recentViewers").valueStream().map(n -> n.path("id").asString())).contains(someone.key());

        patch(profile, "/me/settings", Map.of("showAlsoViewed", false)).expect(200);
        assertThat(get(me, "/members/" + profile.key() + "/also-viewed").body().path("items")).isEmpty();
    }

    @Test
    void settingsAndBlocksRoundTrip() {
        Caller me = caller("Settings");
        Caller them = caller("Pest");
        JsonNode settings = get(me, "/me/settings").expect(200).body();
        assertThat(settings.path("connectionsVisibility").asString()).isEqualTo("CONNECTIONS");
        assertThat(settings.path("invitationsFrom").asString()).isEqualTo("ANYONE");
        JsonNode changed = patch(me, "/me/settings", Map.of("profileVisibility", "NETWORK", "requireNote", true))
                .expect(200).body();
        assertThat(changed.path("profileVisibility").asString()).isEqualTo("NETWORK");
        assertThat(changed.path("requireNote").asBoolean()).isTrue();
        assertThat(get(me, "/me").body().path("settings").path("profileVisibility").asString()).isEqualTo("NETWORK");
        patch(me, "/me/settings", Map.of("invitationsFrom", "FRIENDS")).expectFieldErrors("invitationsFrom");
        assertThat(get(them, "/members/" + me.key()).body().path("limitedProfile").asBoolean()).isTrue();
        assertThat(get(me, "/me/view-as?degree=OUT_OF_NETWORK").expect(200).body().path("limitedProfile").asBoolean())
                .isTrue();
        get(me, "/me/view-as?degree=MARS").expectFieldErrors("as");

        post(me, "/blocks", Map.of("memberId", them.key())).expect(204);
        assertThat(get(me, "/blocks").body().path("items").get(0).path("memberId").asString()).isEqualTo(them.key());
        get(them, "/members/" + me.key()).expectProblem(404);
        get(me, "/members/" + them.key()).expectProblem(404);
        post(them, "/invitations", Map.of("inviteeId", me.key())).expectProblem(404);
        post(me, "/blocks", Map.of()).expectFieldErrors("memberId");
        delete(me, "/blocks/" + them.key()).expect(204);
        get(them, "/members/" + me.key()).expect(200);
        assertThat(get(me, "/me/invitation-quota").expect(200).body().path("weeklyAllowance").asInt()).isEqualTo(102);
    }
}
