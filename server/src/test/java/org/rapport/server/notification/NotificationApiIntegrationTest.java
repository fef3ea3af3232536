package org.rapport.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** My notifications over the API (A7): invitation received and accepted, unread count, mark read. */
@SqliteSpringTest
class NotificationApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void receivingAnInvitationNotifiesTheRecipientWithAnUnreadCount() {
        Caller ada = caller("Ada", "Sender");
        Caller bob = caller("Bob");

        String invitation = post(ada, "/invitations", Map.of("inviteeId", bob.key())).expect(201).text("id");

        JsonNode page = get(bob, "/notifications").expect(200).body();
        assertThat(page.path("unreadCount").asLong()).isEqualTo(1);
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode n = page.path("items").get(0);
        assertThat(n.path("kind").asString()).isEqualTo("INVITATION_RECEIVED");
        assertThat(n.path("actor").path("id").asString()).isEqualTo(ada.key());
        assertThat(n.path("actor").path("name").asString()).isEqualTo("Ada Sender");
        assertThat(n.path("invitationId").asString()).isEqualTo(invitation);
        assertThat(n.path("read").asBoolean()).isFalse();
        assertThat(n.path("createdAt").asString()).endsWith("Z");
        assertThat(get(ada, "/notifications").body().path("unreadCount").asLong()).as("the sender has none").isZero();
    }

    @Test
    void acceptingNotifiesTheSenderAndReadsTheRecipientsNotification() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob", "Accepter");
        String invitation = post(ada, "/invitations", Map.of("inviteeId", bob.key())).expect(201).text("id");

        post(bob, "/invitations/" + invitation + "/accept").expect(200);

        JsonNode sender = get(ada, "/notifications").expect(200).body();
        assertThat(sender.path("unreadCount").asLong()).isEqualTo(1);
        JsonNode accepted = sender.path("items").get(0);
        assertThat(accepted.path("kind").asString()).isEqualTo("INVITATION_ACCEPTED");
        assertThat(accepted.path("actor").path("id").asString()).isEqualTo(bob.key());
        assertThat(accepted.path("actor").path("degree").asString()).isEqualTo("FIRST");
        JsonNode recipient = get(bob, "/notifications").body();
        assertThat(recipient.path("unreadCount").asLong()).as("acting on it reads it").isZero();
        assertThat(recipient.path("items").get(0).path("read").asBoolean()).isTrue();
    }

    @Test
    void markingReadClearsTheUnreadCountAndKeepsTheNotifications() {
        Caller bob = caller("Bob");
        for (int i = 0; i < 3; i++) {
            post(caller("Sender" + i), "/invitations", Map.of("inviteeId", bob.key())).expect(201);
        }
        assertThat(get(bob, "/notifications").body().path("unreadCount").asLong()).isEqualTo(3);

        post(bob, "/notifications/read").expect(204);

        JsonNode page = get(bob, "/notifications").expect(200).body();
        assertThat(page.path("unreadCount").asLong()).isZero();
        assertThat(page.path("items")).hasSize(3);
        assertThat(page.path("items").valueStream().allMatch(n -> n.path("read").asBoolean())).isTrue();
        post(caller("Late"), "/invitations", Map.of("inviteeId", bob.key())).expect(201);
        assertThat(get(bob, "/notifications").body().path("unreadCount").asLong()).isEqualTo(1);
    }

    @Test
    void notificationsAreNewestFirstAndPage() {
        Caller bob = caller("Bob");
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Caller s = caller("Sender" + i);
            senders.add(0, s.key());
            post(s, "/invitations", Map.of("inviteeId", bob.key())).expect(201);
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get(bob, "/notifications?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            assertThat(page.body().path("unreadCount").asLong()).isEqualTo(5);
            walked.addAll(page.itemIds("actor"));
            cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
        } while (cursor != null && walked.size() <= 5);
        assertThat(walked).containsExactlyElementsOf(senders);
        get(bob, "/notifications?cursor=zzz").expectFieldErrors("cursor");
    }
}
