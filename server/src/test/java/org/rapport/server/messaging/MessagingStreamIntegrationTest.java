package org.rapport.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.Member;
import org.rapport.server.notification.NotificationHub;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationPreference;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live delivery over real HTTP: an API client holding the notification stream receives each new
 * message as a {@code message} event with the unread count, announced unless the member turned
 * in-app message notifications off, and hears when the count falls after reading.
 */
@SqliteSpringTest
class MessagingStreamIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    MessagingService messaging;
    @Autowired
    NotificationService notifications;
    @Autowired
    JsonMapper json;
    @Autowired
    NotificationHub hub;

    @Test
    void anOpenStreamReceivesMessagesWithTheUnreadCount() throws Exception {
        Member me = members.create("Lena", "Listener");
        Member other = members.create("Sam", "Sender");
        connect(me, other);
        String token = accounts.issueToken(me.id()).token();
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/notifications/stream"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            String event = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "message".equals(event)) {
                        messages.add(json.readTree(line.substring(5)));
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            } catch (Exception e) {
                // the stream ends when the test closes it
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The stream is registered once its first (notification) event went out.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hub.listening(me.id()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long id = messaging.start(other.id(), me.id(), "Are you free <today>?").conversation().id();
            JsonNode first = messages.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("the message arrives on the open stream").isNotNull();
            assertThat(first.path("conversationId").asString()).isEqualTo(Long.toString(id));
            assertThat(first.path("senderName").asString()).isEqualTo("Sam Sender");
            assertThat(first.path("preview").asString()).isEqualTo("Are you free <today>?");
            assertThat(first.path("unreadMessages").asLong()).isEqualTo(1);
            assertThat(first.path("announce").asBoolean()).isTrue();
            assertThat(first.path("mine").asBoolean()).isFalse();

            notifications.savePreferences(me.id(), Map.of(NotificationKind.MESSAGE, new NotificationPreference(false, false)));
            messaging.send(other.id(), id, "Hello?");
            JsonNode quiet = messages.poll(10, TimeUnit.SECONDS);
            assertThat(quiet).isNotNull();
            assertThat(quiet.path("unreadMessages").asLong()).as("the count still updates").isEqualTo(2);
            assertThat(quiet.path("announce").asBoolean()).as("but the page does not announce it").isFalse();

            messaging.markRead(me.id(), id);
            JsonNode read = messages.poll(10, TimeUnit.SECONDS);
            assertThat(read).isNotNull();
            assertThat(read.path("unreadMessages").asLong()).isZero();
        } finally {
            response.body().close();
        }
    }
}
