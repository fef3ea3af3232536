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
import org.rapport.server.system.ValidationException;
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
 * the mail again, and may change their address (with their password): the new address is
 * unverified until its own link is opened, and the old one is told. So that neither can be used to
 * flood an inbox, a member is mailed at most one link a minute and {@link #MAILS_PER_DAY} a day.
 */
@Service
public class EmailVerifications {

    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);

    static final Duration LINK_LIFETIME = Duration.ofDays(7);
    /** At most one verification mail (sign-up, again, or a changed address) a minute... */
    static final Duration MAIL_GAP = Duration.ofMinutes(1);
    /** ...and this many in 24 hours. */
    static final int MAILS_PER_DAY = 5;

    private final MemberRepository members;
    private final AccountLinkRepository links;
    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> senders;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RapportProperties.Mail mail;
    /** Lazily: {@link AccountService} needs this class (through single sign-on) to be built first. */
    private final ObjectProvider<AccountService> accounts;
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
                              ObjectProvider<AccountService> accounts, org.rapport.server.system.SiteIdentity site) {
        this.accounts = accounts;
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
        // An account made through single sign-on whose provider vouched for the address needs no link,
        // and one awaiting approval gets its link once approved.
        if (!isVerified(event.memberId()) && !awaitingApproval(event.memberId())) {
            issue(event.memberId(), event.email());
        }
    }

    /**
     * Marks the member's address verified without a link (an identity provider or a trusted
     * directory vouched for it, issue 16 single sign-on), in the caller's transaction; the caller
     * publishes {@link EmailVerified} once the account exists for everyone.
     */
    boolean markVerified(long memberId, Instant now) {
        return jdbc.sql("UPDATE members SET email_verified_at = :now WHERE id = :id AND email_verified_at IS NULL")
                .param("now", now.toEpochMilli()).param("id", memberId).update() == 1;
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

    /** The member asks for the mail again: 409 when verified, 429 within a minute of the last or past five a day. */
    public void resend(long memberId) {
        Member member = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        if (isVerified(memberId)) {
            throw new EmailAlreadyVerifiedException();
        }
        requireMailAllowance(memberId);
        issue(memberId, member.email());
    }

    /** 429 when the member was mailed a verification link in the last minute, or five in the last day. */
    private void requireMailAllowance(long memberId) {
        Instant now = clock.instant();
        if (links.countSince(memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL, now.minus(MAIL_GAP)) > 0) {
            throw new RateLimitException("too-many-verification-mails",
                    "A verification mail was sent less than a minute ago; look for it, or try again in a minute.",
                    links.oldestSince(memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL, now.minus(MAIL_GAP))
                            .map(t -> Duration.between(now, t.plus(MAIL_GAP))).orElse(MAIL_GAP));
        }
        Instant dayAgo = now.minus(Duration.ofDays(1));
        if (links.countSince(memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL, dayAgo) >= MAILS_PER_DAY) {
            throw new RateLimitException("too-many-verification-mails",
                    "Verification mails were sent " + MAILS_PER_DAY + " times today; look for them, or try again tomorrow.",
                    links.oldestSince(memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL, dayAgo)
                            .map(t -> Duration.between(now, t.plus(Duration.ofDays(1)))).orElse(Duration.ofDays(1)));
        }
    }

    /**
     * Changes the member's address to {@code rawEmail} once {@code password} is confirmed (wrong
     * passwords count as failed sign-ins from {@code client}). The new address is unverified until
     * the link mailed to it is opened; the old address is told of the change; the member's other
     * open links (verification, password reset, claim) were sent to the old address and end.
     * Sessions and tokens keep working. 400 on field {@code email} for a malformed address or the
     * current one, 401/403 for a missing or wrong password, 429 past the mail limit, 409 when the
     * address is another account's. Returns the new address, normalised.
     */
    public String changeEmail(long memberId, String rawEmail, String password, String client) {
        Member member = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        String email = AccountService.normaliseEmail(rawEmail);
        if (email.isEmpty()) {
            throw new ValidationException("email", "E-mail address is required.");
        } else if (!AccountService.looksLikeEmail(email)) {
            throw new ValidationException("email", "This does not look like an e-mail address.");
        } else if (email.equals(member.email())) {
            throw new ValidationException("email", "This is your address already.");
        }
        accounts.getObject().confirmWithPassword(memberId, password, client);
        requireMailAllowance(memberId);
        if (members.findIdByEmail(email).isPresent()) {
            throw EmailTakenException.forChange();
        }
        String old = member.email();
        String token = newToken();
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                int changed = jdbc.sql("""
                        UPDATE members SET email = :email, email_verified_at = NULL, updated_at = :now
                        WHERE id = :id AND email = :old""")
                        .param("email", email).param("now", now.toEpochMilli()).param("id", memberId)
                        .param("old", old).update();
                if (changed == 0) {
                    throw new org.rapport.server.system.ConflictException("email-changed",
                            "Address changed meanwhile", "Your address was changed meanwhile; reload and try again.");
                }
                for (AccountLinkRepository.Purpose purpose : AccountLinkRepository.Purpose.values()) {
                    links.useAll(memberId, purpose, now);
                }
                links.insert(AccountService.digest(token), memberId, AccountLinkRepository.Purpose.VERIFY_EMAIL,
                        email, now, now.plus(LINK_LIFETIME));
            });
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            if (members.findIdByEmail(email).filter(id -> id != memberId).isPresent()) {
                throw EmailTakenException.forChange();
            }
            throw e;
        }
        log.info("Member {} changed their e-mail address", memberId);
        AfterCommit.run(() -> mailer.execute(() -> {
            send(memberId, email, token);
            sendChangeNotice(memberId, old, email);
        }));
        return email;
    }

    private void sendChangeNotice(long memberId, String old, String email) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("Member {} changed their address, but no mail server is configured to tell the old one", memberId);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(old);
        message.setSubject("Your Rapport e-mail address was changed");
        message.setText("Hello,\n\nThe e-mail address of your Rapport account was changed from " + old + " to "
                + email + ". Sign-in now uses the new address, and mail from Rapport goes there.\n\n"
                + "If you did not change it, someone who knows your password did: tell the administrator of "
                + "this Rapport server at once.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not tell member {}'s old address of the change: {}", memberId, e.getMessage());
        }
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void issue(long memberId, String email) {
        String token = newToken();
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
