package org.rapport.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** Following, updates, the feed, VIPs and notification settings over the API. */
@SqliteSpringTest
class FeedApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void followPostReadTheFeedEditAndDelete() {
        Caller author = caller("Ann", "Author");
        Caller fan = caller("Fan");
        Caller stranger = caller("Stranger");
        post(fan, "/members/" + author.key() + "/follow").expect(204);
        JsonNode member = get(fan, "/members/" + author.key()).expect(200).body();
        assertThat(member.path("following").asBoolean()).isTrue();
        assertThat(member.path("followerCount").asLong()).isEqualTo(1);

        var created = post(author, "/posts", Map.of("text", "<b>Hi</b> https://example.com", "visibility", "ANYONE"))
                .expect(201);
        String id = created.text("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/posts/" + id);
        assertThat(created.body().path("reach").asLong()).isEqualTo(1);
        assertThat(created.text("text")).isEqualTo("<b>Hi</b> https://example.com");

        JsonNode feed = get(fan, "/feed").expect(200).body();
        assertThat(feed.path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(feed.path("items").get(0).path("reach").isNull()).as("reach is for the author").isTrue();
        assertThat(feed.path("items").get(0).path("author").path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(get(stranger, "/feed").body().path("items")).isEmpty();
        assertThat(get(stranger, "/members/" + author.key() + "/posts").itemIds()).containsExactly(id);

        patch(fan, "/posts/" + id, Map.of("text", "mine now")).expectProblem(403);
        patch(author, "/posts/" + id, Map.of("text", "edited", "visibility", "CONNECTIONS")).expect(200);
        get(stranger, "/posts/" + id).expectProblem(404);
        get(fan, "/posts/" + id).expectProblem(404);
        assertThat(get(fan, "/feed").body().path("items")).isEmpty();
        delete(author, "/posts/" + id).expect(204);
        get(author, "/posts/" + id).expectProblem(404);

        post(author, "/posts", Map.of("text", "")).expectFieldErrors("text");
        post(author, "/posts", Map.of("text", "x", "visibility", "SECRET")).expectFieldErrors("visibility");
        post(author, "/posts", Map.of("text", "x".repeat(3001))).expectFieldErrors("text");
        get(fan, "/feed?cursor=garbage").expectFieldErrors("cursor");

        delete(fan, "/members/" + author.key() + "/follow").expect(204);
        assertThat(get(fan, "/members/" + author.key()).body().path("following").asBoolean()).isFalse();
        post(fan, "/members/" + fan.key() + "/follow").expectFieldErrors("memberId");
        post(fan, "/members/987654321/follow").expectProblem(404);
    }

    @Test
    void followersListsVipsAndNotificationSettings() {
        Caller me = caller("Vip", "Owner");
        Caller friend = caller("Friend");
        Caller fan = caller("Fan");
        connect(me, friend);
        post(fan, "/members/" + me.key() + "/follow").expect(204);
        assertThat(get(me, "/members/" + me.key() + "/followers").itemIds("member")).containsExactly(fan.key(), friend.key());
        assertThat(get(me, "/members/" + fan.key() + "/following").expectProblem(403).detail())
                .contains("only with the people their settings allow");

        assertThat(put(me, "/me/vips", Map.of("memberIds", List.of(friend.key()))).expect(200).itemIds())
                .containsExactly(friend.key());
        put(me, "/me/vips", Map.of("memberIds", List.of(fan.key()))).expectFieldErrors("memberIds");
        delete(me, "/me/vips/" + friend.key()).expect(204);
        assertThat(get(me, "/me/vips").body().path("items")).isEmpty();
        post(me, "/me/vips", Map.of("memberId", friend.key())).expect(201);
        assertThat(get(me, "/me/vips").itemIds()).containsExactly(friend.key());

        JsonNode settings = get(me, "/notifications/settings").expect(200).body();
        assertThat(settings.path("digest").asString()).isEqualTo("OFF");
        assertThat(settings.path("kinds").path("POST").path("inApp").asBoolean()).isTrue();
        JsonNode changed = put(me, "/notifications/settings", Map.of("digest", "WEEKLY",
                "kinds", Map.of("POST", Map.of("inApp", false, "email", false)))).expect(200).body();
        assertThat(changed.path("digest").asString()).isEqualTo("WEEKLY");
        assertThat(changed.path("kinds").path("POST").path("inApp").asBoolean()).isFalse();
        assertThat(changed.path("kinds").path("VIP_POST").path("email").asBoolean()).isTrue();
        put(me, "/notifications/settings", Map.of("digest", "HOURLY")).expectProblem(400);

        // Friend is my VIP: their update comes as VIP_POST, still on; once that is off too, nothing.
        long before = get(me, "/notifications").body().path("unreadCount").asLong();
        post(friend, "/posts", Map.of("text", "news")).expect(201);
        JsonNode list = get(me, "/notifications").body();
        assertThat(list.path("unreadCount").asLong()).isEqualTo(before + 1);
        assertThat(list.path("items").get(0).path("kind").asString()).isEqualTo("VIP_POST");
        put(me, "/notifications/settings", Map.of("kinds", Map.of("VIP_POST", Map.of("inApp", false, "email", false))))
                .expect(200);
        post(friend, "/posts", Map.of("text", "more news")).expect(201);
        assertThat(get(me, "/notifications").body().path("unreadCount").asLong())
                .as("updates turned off in the app").isEqualTo(before + 1);
    }
}
