package org.rapport.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live notifications over real HTTP: an API client holding {@code /api/v1/notifications/stream}
 * hears of an invitation the moment it is committed, with the new unread count; a kind turned
 * off in the app neither counts nor streams.
 */
@SqliteSpringTest
class NotificationStreamIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    NotificationService notifications;
    @Autowired
    JsonMapper json;
    @Autowired
    NotificationHub hub;

    @Test
    void anOpenStreamHearsOfANewInvitationAtOnce() throws Exception {
        Member me = members.create("Listener");
        Member other = members.create("Caller", "Loud");
        String token = accounts.issueToken(me.id()).token();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/notifications/stream"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        events.add(json.readTree(line.substring(5)));
                    }
                }
            } catch (Exception e) {
                // the stream ends when the test closes it
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode first = events.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.path("unreadCount").asLong()).isZero();
            assertThat(first.path("kind").isNull()).isTrue();

            invitations.invite(other.id(), me.id(), "Hello");

            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("the invitation arrives on the open stream").isNotNull();
            assertThat(event.path("kind").asString()).isEqualTo("INVITATION_RECEIVED");
            assertThat(event.path("unreadCount").asLong()).isEqualTo(1);
            assertThat(event.path("actorName").asString()).isEqualTo("Caller Loud");
            assertThat(event.path("link").asString()).isEqualTo("/network");

            notifications.savePreferences(me.id(), Map.of(NotificationKind.INVITATION_RECEIVED,
                    new NotificationPreference(false, false)));
            invitations.invite(members.create("Muted").id(), me.id(), null);
            assertThat(events.poll(1, TimeUnit.SECONDS)).as("a kind turned off does not stream").isNull();
            assertThat(notifications.unreadCount(me.id())).isEqualTo(1);
            assertThat(hub.openStreams()).isPositive();
        } finally {
            response.body().close();
        }
    }

    @Test
    void theStreamNeedsAToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/notifications/stream")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
