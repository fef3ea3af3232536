package org.rapport.server.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.system.AfterCommit;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.RateLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail verification (issue 16): a new account is mailed a link (valid 7 days, single use, its
 * token stored as a digest) that proves the member receives mail at the address; until then
 * nothing sent to the address attaches to them ({@link EmailVerified}). The member may ask for
 * the mail again, three times an hour.
 */
@Service
public class EmailVerifications {

    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);

    static final Duration LINK_LIFETIME = Duration.ofDays(7);
    static final int MAILS_PER_HOUR = 3;

    private final MemberRepository members;
    private final AccountLinkRepository links;
    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> senders;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RapportProperties.Mail mail;
    private final org.rapport.server.system.SiteIdentity site;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService mailer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "email-verification-mail");
        t.setDaemon(true);
        return t;
    });

    public EmailVerifications(MemberRepository members, AccountLinkRepository links, JdbcClient jdbc,
                              ObjectProvider<JavaMailSender> senders, TransactionTemplate tx, Clock clock,
                              ApplicationEventPublisher events, RapportProperties properties,
                              org.rapport.server.system.SiteIdentity site) {
        this.site = site;
        this.members = members;
        this.links = links;
        this.jdbc = jdbc;
        this.senders = senders;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
        this.mail = properties.mail();
    }

    /**
     * Sign-up: the new address gets its link once the account is committed. A sign-up held for
     * an administrator's approval (issue 17) gets it when approved ({@link #sendAfterApproval}):
     * until then its address matches no contacts and receives no invitations.
     */
    @EventListener
    void onSignUp(MemberSignedUp event) {
        if (!awaitingApproval(event.memberId())) {
            issue(event.memberId(), event.email());
        }
    }

    /** An administrator approved the member's sign-up: the address gets its link now. */
    public void sendAfterApproval(long memberId) {
        Member member = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        if (!isVerified(memberId)) {
            issue(memberId, member.email());
        }
    }

    private boolean awaitingApproval(long memberId) {
        return jdbc.sql("SELECT count(*) FROM members WHERE id = :id AND approval_requested_at IS NOT NULL")
                .param("id", memberId).query(Long.class).single() > 0;
    }

    /** Whether the member's current address is verified. */
    public boolean isVerified(long memberId) {
        return jdbc.sql("SELECT email_verified_at FROM members WHERE id = :id").param("id", memberId)
                .query((rs, n) -> {
                    rs.getLong(1);
                    return !rs.wasNull();
                }).optional().orElseThrow(MemberNotFoundException::new);
    }

    /** The member asks for the mail again: 409 when verified, 429 past three an hour. */
    public void resend(long memberId) {
        Member member = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        if (isVerified(memberId)) {
            throw new EmailAlreadyVerifiedException();
        }
        Instant now = clock.instant();
        if (links.countSince(memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL, now.minus(Duration.ofHours(1)))
                >= MAILS_PER_HOUR) {
            throw new RateLimitException("too-many-verification-mails",
                    "A verification mail was sent " + MAILS_PER_HOUR + " times this hour; look for it, or try later.",
                    Duration.ofHours(1));
        }
        issue(memberId, member.email());
    }

    private void issue(long memberId, String email) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> links.insert(AccountService.digest(token), memberId,
                AccountLinkRepository.Purpose.VERIFY_EMAIL, email, now, now.plus(LINK_LIFETIME)));
        Runnable send = () -> send(memberId, email, token);
        AfterCommit.run(() -> mailer.execute(send));
    }

    private void send(long memberId, String email, String token) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("Member {} needs a verification mail, but no mail server is configured (spring.mail.host)", memberId);
            return;
        }
        String base = site.publicUrl();
        String name = site.siteName();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(email);
        message.setSubject("Confirm your e-mail address for " + name);
        message.setText("Hello,\n\nConfirm that this address is yours, so that invitations sent to it reach your "
                + name + " account:\n\n" + base + "/verify-email/" + token + "\n\n"
                + "The link works once, within 7 days. If you did not make a " + name + " account, ignore this message.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not mail the verification link of member {}: {}", memberId, e.getMessage());
        }
    }

    /**
     * Verifies the address the link was sent to, if it is still the member's; publishes
     * {@link EmailVerified} in the same transaction. Returns the member's id.
     */
    public long verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            throw new VerificationLinkInvalidException();
        }
        String digest = AccountService.digest(token);
        Instant now = clock.instant();
        Long member = tx.execute(status -> {
            AccountLinkRepository.Link link = links.find(digest, AccountLinkRepository.Purpose.VERIFY_EMAIL)
                    .filter(l -> l.usable(now)).orElseThrow(VerificationLinkInvalidException::new);
            int updated = jdbc.sql("""
                    UPDATE members SET email_verified_at = :now
                    WHERE id = :id AND email = :email AND email_verified_at IS NULL""")
                    .param("now", now.toEpochMilli()).param("id", link.memberId()).param("email", link.email())
                    .update();
            if (updated == 0 || !links.use(digest, now)) {
                throw new VerificationLinkInvalidException();
            }
            links.useAll(link.memberId(), AccountLinkRepository.Purpose.VERIFY_EMAIL, now);
            events.publishEvent(new EmailVerified(link.memberId(), link.email()));
            return link.memberId();
        });
        log.info("Member {} verified their e-mail address", member);
        return member;
    }

    @PreDestroy
    void stop() {
        mailer.shutdown();
    }
}
