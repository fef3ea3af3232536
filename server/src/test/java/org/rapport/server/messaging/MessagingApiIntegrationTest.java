package org.rapport.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** Conversations, messages and message requests over the API, with their problems. */
@SqliteSpringTest
class MessagingApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void connectionsTalkReadAndPageThroughTheirConversation() {
        Caller ann = caller("Ann", "Talker");
        Caller bob = caller("Bob", "Listener");
        connect(ann, bob);

        var started = post(ann, "/conversations", Map.of("memberId", bob.key(), "text", "<b>Hi</b> Bob\nsecond line"))
                .expect(201);
        String id = started.body().path("conversation").path("id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/v1/conversations/" + id + "/messages");
        assertThat(started.body().path("conversation").path("member").path("id").asString()).isEqualTo(bob.key());
        assertThat(started.body().path("conversation").path("member").path("degree").asString()).isEqualTo("FIRST");
        assertThat(started.body().path("conversation").path("status").asString()).isEqualTo("OPEN");
        assertThat(started.body().path("message").path("text").asString()).as("stored as written")
                .isEqualTo("<b>Hi</b> Bob\nsecond line");
        assertThat(started.body().path("message").path("mine").asBoolean()).isTrue();

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(2));
            post(ann, "/conversations/" + id + "/messages", Map.of("text", "more " + i)).expect(201);
        }
        JsonNode list = get(bob, "/conversations").expect(200).body();
        assertThat(list.path("unreadCount").asLong()).isEqualTo(4);
        assertThat(list.path("requestCount").asLong()).isZero();
        JsonNode item = list.path("items").get(0);
        assertThat(item.path("id").asString()).isEqualTo(id);
        assertThat(item.path("member").path("id").asString()).isEqualTo(ann.key());
        assertThat(item.path("unreadCount").asLong()).isEqualTo(4);
        assertThat(item.path("lastMessage").path("text").asString()).isEqualTo("more 2");
        assertThat(item.path("preview").asString()).isEqualTo("more 2");
        assertThat(item.path("request").isNull()).isTrue();

        JsonNode first = get(bob, "/conversations/" + id + "/messages?limit=3").expect(200).body();
        assertThat(first.path("items").get(0).path("text").asString()).as("newest first").isEqualTo("more 2");
        assertThat(first.path("items").get(0).path("mine").asBoolean()).isFalse();
        String cursor = first.path("nextCursor").asString();
        JsonNode second = get(bob, "/conversations/" + id + "/messages?limit=3&cursor=" + cursor).expect(200).body();
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        get(bob, "/conversations/" + id + "/messages?cursor=broken").expectFieldErrors("cursor");

        post(bob, "/conversations/" + id + "/read").expect(204);
        assertThat(get(bob, "/conversations").body().path("unreadCount").asLong()).isZero();
        post(bob, "/conversations/" + id + "/messages", Map.of("text", "Hello Ann")).expect(201);
        assertThat(get(ann, "/conversations").body().path("unreadCount").asLong()).isEqualTo(1);
    }

    @Test
    void refusalsAreProblemsWithReasons() {
        Caller me = caller("Rita", "Refused");
        Caller picky = caller("Pia", "Picky");
        Caller friend = caller("Finn", "Friend");
        connect(me, friend);

        var refused = post(me, "/conversations", Map.of("memberId", picky.key(), "text", "Hello")).expectProblem(403);
        assertThat(refused.problemType()).endsWith("/messages-from-connections");
        assertThat(refused.detail()).startsWith("Pia accepts messages only from their connections.");

        post(me, "/conversations", Map.of("memberId", friend.key(), "text", "x".repeat(2001)))
                .expectFieldErrors("text");
        assertThat(post(me, "/conversations", Map.of("memberId", friend.key(), "text", " "))
                .expectFieldErrors("text").errorMessage("text")).isEqualTo("Write a message.");
        post(me, "/conversations", Map.of("text", "Hello")).expectFieldErrors("memberId");
        post(me, "/conversations", Map.of("memberId", me.key(), "text", "Hello")).expectFieldErrors("memberId");
        post(me, "/conversations", Map.of("memberId", "987654321", "text", "Hello")).expectProblem(404);
        post(me, "/conversations/987654321/messages", Map.of("text", "Hello")).expectProblem(404);
        post(null, "/conversations", Map.of("memberId", friend.key(), "text", "Hello")).expect(401);

        String id = post(me, "/conversations", Map.of("memberId", friend.key(), "text", "0")).expect(201)
                .body().path("conversation").path("id").asString();
        for (int i = 1; i < MessagingService.MAX_PER_MINUTE; i++) {
            post(me, "/conversations/" + id + "/messages", Map.of("text", "n" + i)).expect(201);
        }
        var limited = post(me, "/conversations/" + id + "/messages", Map.of("text", "flood")).expectProblem(429);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        assertThat(limited.problemType()).endsWith("/too-many-messages");

        post(friend, "/blocks", Map.of("memberId", me.key())).expect(204);
        get(me, "/conversations/" + id + "/messages").expectProblem(404);
        post(me, "/conversations", Map.of("memberId", friend.key(), "text", "Hello?")).expectProblem(404);
        assertThat(get(friend, "/conversations").body().path("items")).isEmpty();
    }

    @Test
    void anOpenProfileReceivesRequestsToAcceptOrDecline() {
        Caller open = caller("Olive", "Open");
        Caller asker = caller("Axel", "Asker");
        Caller pushy = caller("Pat", "Pushy");
        assertThat(patch(open, "/me/settings", Map.of("messagesFrom", "nobody")).expectFieldErrors("messagesFrom")
                .errorMessage("messagesFrom")).contains("CONNECTIONS", "GROUP_MEMBERS", "ANYONE");
        assertThat(patch(open, "/me/settings", Map.of("messagesFrom", "ANYONE")).expect(200).text("messagesFrom"))
                .isEqualTo("ANYONE");
        assertThat(get(open, "/me/settings").text("messagesFrom")).isEqualTo("ANYONE");

        String asked = post(asker, "/conversations", Map.of("memberId", open.key(), "text", "May I ask?")).expect(201)
                .body().path("conversation").path("id").asString();
        String pushed = post(pushy, "/conversations", Map.of("memberId", open.key(), "text", "Buy now")).expect(201)
                .body().path("conversation").path("id").asString();
        assertThat(get(asker, "/conversations").body().path("items").get(0).path("request").asString()).isEqualTo("SENT");
        post(asker, "/conversations/" + asked + "/messages", Map.of("text", "Hello?")).expectProblem(403);

        JsonNode requests = get(open, "/conversations?requests=true").expect(200).body();
        assertThat(requests.path("requestCount").asLong()).isEqualTo(2);
        assertThat(requests.path("items").get(0).path("request").asString()).isEqualTo("RECEIVED");
        assertThat(get(open, "/conversations").body().path("items")).isEmpty();

        post(asker, "/conversations/" + asked + "/accept").expectProblem(403);
        post(asker, "/conversations/" + asked + "/decline").expectProblem(403);
        assertThat(post(open, "/conversations/" + asked + "/accept").expect(200).text("status")).isEqualTo("ACCEPTED");
        post(open, "/conversations/" + pushed + "/decline").expect(204);
        var again = post(pushy, "/conversations", Map.of("memberId", open.key(), "text", "Again")).expectProblem(403);
        assertThat(again.problemType()).endsWith("/message-request-declined");
        assertThat(get(pushy, "/conversations").body().path("items").get(0).path("request").asString())
                .isEqualTo("DECLINED");

        JsonNode inbox = get(open, "/conversations").body();
        assertThat(inbox.path("items")).hasSize(1);
        assertThat(inbox.path("items").get(0).path("id").asString()).isEqualTo(asked);
        assertThat(get(open, "/conversations?requests=true").body().path("items")).isEmpty();
    }
}
