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

    @Test
    void digestsCheckedFromSeveralThreadsAtOnceAreEachSentOnce() throws Exception {
        java.util.List<Member> readers = new java.util.ArrayList<>();
        Member inviter = members.create("Racing", "Inviter");
        for (int i = 0; i < 6; i++) {
            Member m = members.create("Racer" + i, "Reader");
            notifications.setDigest(m.id(), Digest.DAILY);
            invitations.invite(inviter.id(), m.id(), null);
            readers.add(m);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> digests.sendDue(sender)));
            }
            int total = 0;
            for (var run : runs) {
                total += run.get();
            }
            assertThat(total).as("digests sent by the three runs together").isEqualTo(readers.size());
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> perAddress = java.util.Arrays.stream(smtp.getReceivedMessages())
                .collect(java.util.stream.Collectors.groupingBy(DigestMailerIntegrationTest::address,
                        java.util.stream.Collectors.counting()));
        for (Member m : readers) {
            assertThat(perAddress).containsEntry(m.email(), 1L);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM digest_deliveries WHERE status = 'SENT'").query(Long.class).single())
                .isGreaterThanOrEqualTo((long) readers.size());
    }

    @Test
    void aDigestANodeStoppedSendingIsSentAgainOnceWithTheSameMessageId() throws Exception {
        Member me = members.create("Interrupted", "Reader");
        Member inviter = members.create("Some", "Inviter");
        notifications.setDigest(me.id(), Digest.DAILY);
        invitations.invite(inviter.id(), me.id(), null);
        // A node claimed the digest and died before recording how it ended.
        long start = clock.instant().minus(Duration.ofDays(1)).toEpochMilli();
        long claimed = clock.instant().toEpochMilli();
        jdbc.sql("UPDATE members SET digest_sent_at = :t WHERE id = :m").param("t", claimed).param("m", me.id()).update();
        jdbc.sql("""
                INSERT INTO digest_deliveries (member_id, period_start, period_end, status, message_id, node_id, claimed_at)
                VALUES (:m, :s, :e, 'SENDING', :id, 'dead-node', :c)""")
                .param("m", me.id()).param("s", start).param("e", claimed + 1)
                .param("id", DigestMailer.messageId(me.id(), java.time.Instant.ofEpochMilli(start))).param("c", claimed).update();

        assertThat(digests.sendDue(sender)).as("too early: the node may still be sending").isZero();
        clock.advance(DigestMailer.RESUME_AFTER.plusMinutes(1));
        assertThat(digests.sendDue(sender)).isEqualTo(1);
        assertThat(digests.sendDue(sender)).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("Message-ID")[0]).isEqualTo("<digest-" + me.id() + "-" + start + "@rapport>");
        assertThat(jdbc.sql("SELECT status FROM digest_deliveries WHERE member_id = :m").param("m", me.id())
                .query(String.class).single()).isEqualTo("SENT");
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
