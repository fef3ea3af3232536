package org.rapport.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The e-mail digest through a real SMTP server (GreenMail, in this JVM on a free port): only
 * members who asked, only kinds they want by e-mail, only what is unread and new since the last
 * digest, and never the same notification twice.
 */
@SqliteSpringTest
class DigestMailerIntegrationTest extends IntegrationContract {

    @Autowired
    DigestMailer digests;
    @Autowired
    NotificationService notifications;

    private GreenMail smtp;
    private JavaMailSenderImpl sender;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aDailyDigestListsWhatIsNewAndUnreadOfTheKindsWantedByEmailOnce() throws Exception {
        Member me = members.create("Digest", "Reader");
        Member quiet = members.create("NoDigest");
        Member inviter = members.create("Inviter", "Person");
        Member fan = members.create("Fan");
        notifications.setDigest(me.id(), Digest.DAILY);
        invitations.invite(inviter.id(), me.id(), null);
        invitations.invite(inviter.id(), quiet.id(), null);
        // New followers are not e-mailed by default.
        jdbc.sql("INSERT INTO notifications (member_id, kind, actor_id, created_at) VALUES (:m, 'NEW_FOLLOWER', :a, :t)")
                .param("m", me.id()).param("a", fan.id()).param("t", clock.instant().toEpochMilli()).update();

        int sent = digests.sendDue(sender);

        assertThat(sent).isGreaterThanOrEqualTo(1);
        MimeMessage[] received = smtp.getReceivedMessages();
        MimeMessage mine = java.util.Arrays.stream(received)
                .filter(m -> address(m).equals(me.email())).findFirst().orElseThrow();
        assertThat(java.util.Arrays.stream(received).map(DigestMailerIntegrationTest::address)).doesNotContain(quiet.email());
        assertThat(mine.getSubject()).isEqualTo("1 new notification on Rapport");
        String body = mine.getContent().toString();
        assertThat(body).contains("Hello Digest,");
        assertThat(body).contains("- Inviter Person invited you to connect.");
        assertThat(body).contains("http://localhost:8080/network");
        assertThat(body).doesNotContain("started following you");

        // The same notification is never mailed twice; the next digest waits a day.
        assertThat(digests.sendDue(sender)).isZero();
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(digests.sendDue(sender)).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(received.length);

        // Turning the kind off for e-mail keeps it out; turning new followers on brings them in.
        notifications.savePreferences(me.id(), Map.of(NotificationKind.NEW_FOLLOWER, new NotificationPreference(true, true)));
        clock.advance(Duration.ofMinutes(1));
        jdbc.sql("INSERT INTO notifications (member_id, kind, actor_id, created_at) VALUES (:m, 'NEW_FOLLOWER', :a, :t)")
                .param("m", me.id()).param("a", fan.id()).param("t", clock.instant().toEpochMilli()).update();
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(digests.sendDue(sender)).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()[received.length].getContent().toString()).contains("Fan Test started following you.");
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
