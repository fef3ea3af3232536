package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/**
 * The inconsistencies issue 19 listed, fixed: every list is {@code {items, nextCursor, total}}
 * (group bans and my group invitations were bare arrays), and what creates answers 201 (joining a
 * group and pinning a VIP answered 200). Each answer also passes the OpenAPI check.
 */
@SqliteSpringTest
class ApiConsistencyIntegrationTest extends ApiIntegrationContract {

    @Test
    void groupInvitationsAndBansAreListsLikeEveryOtherAndJoiningCreates() {
        Caller owner = caller("Orla");
        Caller friend = caller("Fred");
        Caller stranger = caller("Stan");
        connect(owner, friend);
        String group = post(owner, "/groups", Map.of("name", "Consistent lists " + System.nanoTime())).expect(201).text("id");

        post(owner, "/groups/" + group + "/invitations", Map.of("memberId", friend.key())).expect(204);
        JsonNode invitations = get(friend, "/me/group-invitations").expect(200).body();
        assertThat(invitations.isObject()).as("an object, not a bare array: %s", invitations).isTrue();
        assertThat(get(friend, "/me/group-invitations").itemIds()).containsExactly(group);
        assertThat(invitations.path("total").asLong()).isEqualTo(1);
        assertThat(invitations.path("nextCursor").isNull()).isTrue();

        assertThat(post(friend, "/groups/" + group + "/join").expect(201).text("relation")).isEqualTo("MEMBER");
        assertThat(get(friend, "/me/group-invitations").expect(200).body().path("items")).isEmpty();

        assertThat(post(stranger, "/groups/" + group + "/join").expect(201).text("relation")).isEqualTo("MEMBER");
        post(owner, "/groups/" + group + "/bans", Map.of("memberId", stranger.key())).expect(204);
        Response bans = get(owner, "/groups/" + group + "/bans").expect(200);
        assertThat(bans.body().isObject()).isTrue();
        assertThat(bans.itemIds("member")).containsExactly(stranger.key());
        assertThat(bans.body().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void pinningAVipCreatesIt() {
        Caller me = caller("Vera");
        Caller friend = caller("Vic");
        connect(me, friend);
        assertThat(post(me, "/me/vips", Map.of("memberId", friend.key())).expect(201).itemIds()).containsExactly(friend.key());
    }
}
