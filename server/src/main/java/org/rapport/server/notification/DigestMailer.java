package org.rapport.server.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.rapport.server.cluster.ClusterBus;
import org.rapport.server.cluster.ClusterJobs;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.system.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail digest (A7): for members who asked for one (daily or weekly), the unread
 * notifications of the kinds they want by e-mail that arrived since the last digest, in one
 * plain-text message through SMTP. Checked every {@code rapport.mail.digest-check-interval};
 * without an SMTP server ({@code spring.mail.host}) nothing is sent. A digest with nothing to say
 * is not sent, but the member's clock still moves on, so the same notification is never mailed twice.
 *
 * <p>Several nodes: the check runs on one node per round ({@link ClusterJobs}), and each digest is
 * claimed in the database before it is sent and recorded in {@code digest_deliveries} after, so a
 * digest goes out once even when two nodes look at the same moment, and one that a node stopped
 * in the middle of sending is sent again, once, with the same Message-ID.
 */
@Component
public class DigestMailer {

    private static final Logger log = LoggerFactory.getLogger(DigestMailer.class);
    private static final int BATCH = 200;
    private static final int LINES = 30;
    static final Duration RESUME_AFTER = Duration.ofMinutes(10);

    private final NotificationRepository notifications;
    private final NotificationService service;
    private final MemberRepository members;
    private final ObjectProvider<JavaMailSender> senders;
    private final Clock clock;
    private final RapportProperties.Mail mail;
    private final org.rapport.server.system.SiteIdentity site;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;
    private final ClusterBus bus;
    private final Duration every;

    public DigestMailer(NotificationRepository notifications, NotificationService service, MemberRepository members,
                        ObjectProvider<JavaMailSender> senders, Clock clock, RapportProperties properties,
                        TransactionTemplate tx, ClusterJobs jobs, ClusterBus bus,
                        @Value("${rapport.mail.digest-check-interval:PT15M}") Duration every,
                        org.rapport.server.system.SiteIdentity site) {
        this.site = site;
        this.every = every;
        this.tx = tx;
        this.jobs = jobs;
        this.bus = bus;
        this.notifications = notifications;
        this.service = service;
        this.members = members;
        this.senders = senders;
        this.clock = clock;
        this.mail = properties.mail();
    }

    @Scheduled(fixedDelayString = "${rapport.mail.digest-check-interval:PT15M}",
            initialDelayString = "${rapport.mail.digest-initial-delay:PT2M}")
    void scheduled() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender != null) {
            jobs.runOnce("notifications.digests", every, () -> sendDue(sender));
        }
    }

    /**
     * Sends every digest that is due through {@code sender}, and finishes any another node claimed
     * and never finished; returns how many messages went out. Safe to run on several nodes at once:
     * each digest is claimed (see {@link NotificationRepository#claimDigest}) before it is sent.
     */
    public int sendDue(JavaMailSender sender) {
        Instant now = clock.instant();
        int sent = resumeInterrupted(sender, now);
        for (Digest digest : List.of(Digest.DAILY, Digest.WEEKLY)) {
            Instant before = now.minus(digest.every());
            List<NotificationRepository.DigestDue> due;
            do {
                due = notifications.digestsDue(digest, before.plusMillis(1), before, BATCH);
                for (NotificationRepository.DigestDue d : due) {
                    String messageId = messageId(d.memberId(), d.since());
                    Boolean claimed = tx.execute(status -> notifications.claimDigest(d, now, messageId, nodeId()));
                    if (!Boolean.TRUE.equals(claimed)) {
                        continue; // another node has it
                    }
                    String outcome = send(sender, d.memberId(), d.email(), d.firstName(), d.since(), now, messageId);
                    notifications.finishDigest(d.memberId(), d.since(), outcome, clock.instant());
                    if (outcome.equals("SENT")) {
                        sent++;
                    }
                }
            } while (due.size() == BATCH);
        }
        if (sent > 0) {
            log.info("Sent {} notification digests", sent);
        }
        return sent;
    }

    /**
     * A node that stopped between claiming a digest and recording its outcome left it SENDING; after
     * {@link #RESUME_AFTER} another run sends it again with the same Message-ID, so that a mail
     * server or reader that did receive the first copy can tell the second is the same message.
     */
    private int resumeInterrupted(JavaMailSender sender, Instant now) {
        int sent = 0;
        for (NotificationRepository.Interrupted d : notifications.interruptedDigests(now.minus(RESUME_AFTER), BATCH)) {
            if (!notifications.reclaimDigest(d, now, nodeId())) {
                continue;
            }
            String outcome = send(sender, d.memberId(), d.email(), d.firstName(), d.since(), d.until(), d.messageId());
            notifications.finishDigest(d.memberId(), d.since(), outcome, clock.instant());
            if (outcome.equals("SENT")) {
                log.info("Resumed the interrupted digest of member {}", d.memberId());
                sent++;
            }
        }
        return sent;
    }

    private String nodeId() {
        return bus.nodeId();
    }

    static String messageId(long memberId, Instant periodStart) {
        return "<digest-" + memberId + "-" + periodStart.toEpochMilli() + "@rapport>";
    }

    /** Builds and sends one digest; SENT, EMPTY (nothing to say) or FAILED. */
    private String send(JavaMailSender sender, long memberId, String email, String firstName, Instant since,
                        Instant now, String messageId) {
        List<NotificationKind> kinds = new ArrayList<>();
        service.preferences(memberId).forEach((kind, pref) -> {
            if (pref.email()) {
                kinds.add(kind);
            }
        });
        List<NotificationRepository.Row> rows = notifications.unreadSince(memberId, kinds, since, now, LINES + 1);
        if (rows.isEmpty()) {
            return "EMPTY";
        }
        Map<Long, MemberSummary> actors = members.findSummaries(
                rows.stream().map(NotificationRepository.Row::actorId).filter(Objects::nonNull).distinct().toList());
        String base = site.publicUrl();
        StringBuilder body = new StringBuilder("Hello ").append(firstName).append(",\n\nSince your last digest:\n\n");
        for (NotificationRepository.Row r : rows.subList(0, Math.min(LINES, rows.size()))) {
            MemberSummary actor = r.actorId() == null ? null : actors.get(r.actorId());
            if (actor == null) {
                continue;
            }
            Notification n = new Notification(r.id(), r.kind(),
                    new org.rapport.server.network.MemberCard(actor, org.rapport.server.network.Degree.OUT_OF_NETWORK, 0),
                    r.invitationId(), r.postId(), r.createdAt(), false, r.groupId());
            body.append("- ").append(actor.name()).append(' ').append(n.sentence()).append("\n  ")
                    .append(base).append(n.link()).append("\n");
        }
        if (rows.size() > LINES) {
            body.append("\n…and more: ").append(base).append("/notifications\n");
        }
        body.append("\nChange what you receive: ").append(base).append("/settings#notifications\n");
        String subject = rows.size() == 1 ? "1 new notification on " + site.siteName()
                : Math.min(rows.size(), LINES) + (rows.size() > LINES ? "+" : "") + " new notifications on " + site.siteName();
        try {
            MimeMessage message = new MimeMessage((Session) null) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(mail.from());
            helper.setTo(email);
            helper.setSubject(subject);
            helper.setText(body.toString());
            sender.send(message);
            return "SENT";
        } catch (MailException | MessagingException e) {
            log.warn("Could not send the digest of member {}: {}", memberId, e.getMessage());
            return "FAILED";
        }
    }
}
