package org.rapport.server.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.system.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The e-mail digest (A7): for members who asked for one (daily or weekly), the unread
 * notifications of the kinds they want by e-mail that arrived since the last digest, in one
 * plain-text message through SMTP. Checked every {@code rapport.mail.digest-check-interval};
 * without an SMTP server ({@code spring.mail.host}) nothing is sent. A digest with nothing to say
 * is not sent, but the member's clock still moves on, so the same notification is never mailed twice.
 */
@Component
public class DigestMailer {

    private static final Logger log = LoggerFactory.getLogger(DigestMailer.class);
    private static final int BATCH = 200;
    private static final int LINES = 30;

    private final NotificationRepository notifications;
    private final NotificationService service;
    private final MemberRepository members;
    private final ObjectProvider<JavaMailSender> senders;
    private final Clock clock;
    private final RapportProperties.Mail mail;

    public DigestMailer(NotificationRepository notifications, NotificationService service, MemberRepository members,
                        ObjectProvider<JavaMailSender> senders, Clock clock, RapportProperties properties) {
        this.notifications = notifications;
        this.service = service;
        this.members = members;
        this.senders = senders;
        this.clock = clock;
        this.mail = properties.mail();
    }

    @Scheduled(fixedDelayString = "${rapport.mail.digest-check-interval:PT15M}", initialDelayString = "PT2M")
    void scheduled() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender != null) {
            sendDue(sender);
        }
    }

    /** Sends every digest that is due through {@code sender}; returns how many messages went out. */
    public int sendDue(JavaMailSender sender) {
        Instant now = clock.instant();
        int sent = 0;
        for (Digest digest : List.of(Digest.DAILY, Digest.WEEKLY)) {
            Instant before = now.minus(digest.every());
            List<NotificationRepository.DigestDue> due;
            do {
                due = notifications.digestsDue(digest, before.plusMillis(1), before, BATCH);
                for (NotificationRepository.DigestDue d : due) {
                    if (send(sender, d, now)) {
                        sent++;
                    }
                    notifications.markDigestSent(d.memberId(), now);
                }
            } while (due.size() == BATCH);
        }
        if (sent > 0) {
            log.info("Sent {} notification digests", sent);
        }
        return sent;
    }

    private boolean send(JavaMailSender sender, NotificationRepository.DigestDue d, Instant now) {
        List<NotificationKind> kinds = new ArrayList<>();
        service.preferences(d.memberId()).forEach((kind, pref) -> {
            if (pref.email()) {
                kinds.add(kind);
            }
        });
        List<NotificationRepository.Row> rows = notifications.unreadSince(d.memberId(), kinds, d.since(), now, LINES + 1);
        if (rows.isEmpty()) {
            return false;
        }
        Map<Long, MemberSummary> actors = members.findSummaries(
                rows.stream().map(NotificationRepository.Row::actorId).filter(Objects::nonNull).distinct().toList());
        StringBuilder body = new StringBuilder("Hello ").append(d.firstName()).append(",\n\nSince your last digest:\n\n");
        for (NotificationRepository.Row r : rows.subList(0, Math.min(LINES, rows.size()))) {
            MemberSummary actor = r.actorId() == null ? null : actors.get(r.actorId());
            if (actor == null) {
                continue;
            }
            Notification n = new Notification(r.id(), r.kind(),
                    new org.rapport.server.network.MemberCard(actor, org.rapport.server.network.Degree.OUT_OF_NETWORK, 0),
                    r.invitationId(), r.postId(), r.createdAt(), false, r.groupId());
            body.append("- ").append(actor.name()).append(' ').append(n.sentence()).append("\n  ")
                    .append(mail.publicUrl()).append(n.link()).append("\n");
        }
        if (rows.size() > LINES) {
            body.append("\n…and more: ").append(mail.publicUrl()).append("/notifications\n");
        }
        body.append("\nChange what you receive: ").append(mail.publicUrl()).append("/settings#notifications\n");
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(d.email());
        message.setSubject(rows.size() == 1 ? "1 new notification on Rapport"
                : Math.min(rows.size(), LINES) + (rows.size() > LINES ? "+" : "") + " new notifications on Rapport");
        message.setText(body.toString());
        try {
            sender.send(message);
            return true;
        } catch (MailException e) {
            log.warn("Could not send the digest of member {}: {}", d.memberId(), e.getMessage());
            return false;
        }
    }
}
