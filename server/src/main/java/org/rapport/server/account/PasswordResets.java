package org.rapport.server.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.system.AfterCommit;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by e-mail (issue 16). Asking answers the same whatever the address (no
 * enumeration): when it belongs to a member, a single-use link valid for an hour is mailed, from a
 * background thread so that the answer takes as long either way. Only the link token's SHA-256
 * digest is stored. Setting the new password rotates the security stamp and deletes every API
 * token: every session and token of the member ends, the reset link's included. Following a
 * mailed link also proves the address ({@link EmailVerified} when it was not yet verified).
 *
 * <p>Imported members (bulk import, no password) claim their accounts the same way: the operator
 * runs {@code rapport accounts send-claims}, which mails each one a claim link valid 14 days
 * that opens the same page.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    static final Duration LINK_LIFETIME = Duration.ofHours(1);
    /** Reset mails one address receives per hour at most; past it a request sends nothing (and says the same). */
    static final int MAILS_PER_HOUR = 3;
    static final Duration CLAIM_LIFETIME = Duration.ofDays(14);

    private final MemberRepository members;
    private final AccountLinkRepository links;
    private final ApiTokenRepository tokens;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final ObjectProvider<JavaMailSender> senders;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RapportProperties.Mail mail;
    private final boolean passwordSignIn;

    /** With passwords off ("SSO only", issue 16) there is nothing to reset. */
    public void requirePasswords() {
        if (!passwordSignIn) {
            throw PasswordSignInOffException.reset();
        }
    }
    private final org.rapport.server.system.SiteIdentity site;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService mailer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "password-reset-mail");
        t.setDaemon(true);
        return t;
    });

    public PasswordResets(MemberRepository members, AccountLinkRepository links, ApiTokenRepository tokens,
                          PasswordPolicy policy, PasswordEncoder passwords, ObjectProvider<JavaMailSender> senders,
                          TransactionTemplate tx, Clock clock, RapportProperties properties,
                          org.springframework.jdbc.core.simple.JdbcClient jdbc,
                          org.springframework.context.ApplicationEventPublisher events,
                          AccountProperties accounts, org.rapport.server.system.SiteIdentity site) {
        this.passwordSignIn = accounts.passwordSignIn();
        this.site = site;
        this.jdbc = jdbc;
        this.events = events;
        this.members = members;
        this.links = links;
        this.tokens = tokens;
        this.policy = policy;
        this.passwords = passwords;
        this.senders = senders;
        this.tx = tx;
        this.clock = clock;
        this.mail = properties.mail();
    }

    /**
     * Someone asks for a reset link for {@code rawEmail}: mailed when the address is a member's
     * (and it has not had {@link #MAILS_PER_HOUR} this hour); nothing tells the caller which.
     */
    public void requestReset(String rawEmail) {
        requirePasswords();
        String email = AccountService.normaliseEmail(rawEmail);
        if (!AccountService.looksLikeEmail(email) || Text.hasControlCharacters(email, false)) {
            return;
        }
        members.findIdByEmail(email).ifPresent(id -> sendLink(id, false));
    }

    /**
     * Mails the member a reset link (the admin action "send a password reset" calls this). Not
     * limited per hour: the caller is trusted.
     */
    public void sendResetLink(long memberId) {
        members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        sendLink(memberId, true);
    }

    private void sendLink(long memberId, boolean trusted) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Member member = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        Boolean made = tx.execute(status -> {
            if (!trusted && links.countSince(memberId, AccountLinkRepository.Purpose.PASSWORD_RESET,
                    now.minus(Duration.ofHours(1))) >= MAILS_PER_HOUR) {
                return false;
            }
            links.deleteLapsed(now);
            links.insert(AccountService.digest(token), memberId, AccountLinkRepository.Purpose.PASSWORD_RESET,
                    member.email(), now, now.plus(LINK_LIFETIME));
            return true;
        });
        if (!Boolean.TRUE.equals(made)) {
            log.info("Password reset for member {} not mailed: {} sent in the last hour", memberId, MAILS_PER_HOUR);
            return;
        }
        Runnable send = () -> mail(member, token);
        AfterCommit.run(() -> mailer.execute(send));
    }

    private void mail(Member member, String token) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("Password reset for member {} asked, but no mail server is configured (spring.mail.host)",
                    member.id());
            return;
        }
        try {
            sender.send(resetMessage(member, token));
        } catch (MailException e) {
            log.warn("Could not mail the password reset of member {}: {}", member.id(), e.getMessage());
        }
    }

    private SimpleMailMessage resetMessage(Member member, String token) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(member.email());
        message.setSubject("Reset your " + site.siteName() + " password");
        message.setText("Hello " + member.firstName() + ",\n\n"
                + "Someone, hopefully you, asked to reset the password of your " + site.siteName() + " account.\n"
                + "Choose a new password here within the hour:\n\n"
                + linkFor(token) + "\n\n"
                + "The link works once. Setting a new password signs you out everywhere.\n"
                + "If you did not ask for this, ignore this message: your password stays as it is.\n");
        return message;
    }

    /**
     * Mails every imported member who has no password yet, and no open claim link, a link to claim
     * their account by choosing a password (addresses under {@code .invalid}, which receive no
     * mail, are skipped). Sends before returning, for the CLI. Returns how many were mailed.
     *
     * @throws IllegalStateException when no mail server is configured
     */
    public int sendClaimLinks() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no mail server is configured (spring.mail.host)");
        }
        Instant now = clock.instant();
        java.util.List<Long> unclaimed = jdbc.sql("""
                SELECT id FROM members m WHERE password_hash = :none AND email NOT LIKE '%.invalid'
                AND NOT EXISTS (SELECT 1 FROM account_links l WHERE l.member_id = m.id AND l.purpose = 'CLAIM_ACCOUNT'
                                AND l.used_at IS NULL AND l.expires_at > :now)
                ORDER BY id""")
                .param("none", AccountService.NO_PASSWORD).param("now", now.toEpochMilli()).query(Long.class).list();
        int sent = 0;
        for (long id : unclaimed) {
            Member member = members.findById(id).orElse(null);
            if (member == null) {
                continue;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tx.executeWithoutResult(status -> links.insert(AccountService.digest(token), id,
                    AccountLinkRepository.Purpose.CLAIM_ACCOUNT, member.email(), now, now.plus(CLAIM_LIFETIME)));
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(mail.from());
            message.setTo(member.email());
            message.setSubject("Your " + site.siteName() + " account is waiting for you");
            message.setText("Hello " + member.firstName() + ",\n\n"
                    + "Your community brought its network to " + site.siteName() + ", and an account with your profile and "
                    + "connections is waiting for you. Claim it by choosing a password within 14 days:\n\n"
                    + linkFor(token) + "\n\n"
                    + "The link works once. If you do not want the account, ignore this message.\n");
            try {
                sender.send(message);
                sent++;
            } catch (MailException e) {
                log.warn("Could not mail the claim link of member {}: {}", id, e.getMessage());
            }
        }
        return sent;
    }

    /** The address of the page that takes the new password for {@code token}. */
    String linkFor(String token) {
        String base = site.publicUrl();
        return base + "/password-reset/" + token;
    }

    /**
     * Whether {@code token} names a link that can still be used (the page shows the form only
     * then). Throws {@link ResetLinkNotFoundException} (404) or {@link ResetLinkExpiredException} (410).
     */
    public void checkLink(String token) {
        find(token);
    }

    private AccountLinkRepository.Link find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            throw new ResetLinkNotFoundException();
        }
        String digest = AccountService.digest(token);
        AccountLinkRepository.Link link = links.find(digest, AccountLinkRepository.Purpose.PASSWORD_RESET)
                .or(() -> links.find(digest, AccountLinkRepository.Purpose.CLAIM_ACCOUNT))
                .orElseThrow(ResetLinkNotFoundException::new);
        if (!link.usable(clock.instant())) {
            throw new ResetLinkExpiredException();
        }
        return link;
    }

    /**
     * Sets the member's password through the link, which is used up. Every session and API token
     * of the member ends; so do the member's other reset links. Returns the member's id.
     */
    public long resetPassword(String token, String password) {
        requirePasswords();
        AccountLinkRepository.Link link = find(token);
        Errors errors = new Errors();
        policy.check(password, "password", errors, members.findById(link.memberId()).map(Member::email).orElse(null));
        errors.throwIfAny();
        String hash = passwords.encode(password);
        byte[] stampBytes = new byte[12];
        random.nextBytes(stampBytes);
        String stamp = HexFormat.of().formatHex(stampBytes);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (!links.use(link.tokenHash(), now)) {
                throw new ResetLinkExpiredException();
            }
            members.updatePassword(link.memberId(), hash, stamp, now);
            tokens.deleteForMember(link.memberId());
            links.useAll(link.memberId(), AccountLinkRepository.Purpose.PASSWORD_RESET, now);
            links.useAll(link.memberId(), AccountLinkRepository.Purpose.CLAIM_ACCOUNT, now);
            // The link came by mail to the member's address: that proves it is theirs.
            String email = members.findById(link.memberId()).map(Member::email).orElseThrow(MemberNotFoundException::new);
            if (email.equals(link.email()) && jdbc.sql(
                    "UPDATE members SET email_verified_at = :now WHERE id = :id AND email_verified_at IS NULL")
                    .param("now", now.toEpochMilli()).param("id", link.memberId()).update() == 1) {
                events.publishEvent(new EmailVerified(link.memberId(), email));
            }
        });
        log.info("Member {} set a new password through a reset link", link.memberId());
        return link.memberId();
    }

    @PreDestroy
    void stop() {
        mailer.shutdown();
    }
}
