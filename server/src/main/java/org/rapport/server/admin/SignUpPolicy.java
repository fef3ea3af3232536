package org.rapport.server.admin;

import java.time.Clock;

import org.rapport.server.account.MemberSignedUp;
import org.rapport.server.contacts.ContactKeys;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Enforces the sign-up policy on every sign-up, page and API alike: it listens to
 * {@link MemberSignedUp}, published inside the sign-up's transaction, first of all listeners, and a
 * refusal rolls the new account back. Under APPROVAL the new account is held (suspended, marked as
 * waiting) in the same transaction, before any other listener sees it.
 */
@Component
class SignUpPolicy {

    private final SiteSettingsService settings;
    private final ContactKeys keys;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AdminRepository repository;

    SignUpPolicy(SiteSettingsService settings, ContactKeys keys, JdbcClient jdbc, Clock clock, AdminRepository repository) {
        this.repository = repository;
        this.settings = settings;
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(MemberSignedUp event) {
        if (check(event.email()) == SignupMode.APPROVAL) {
            repository.holdForApproval(event.memberId(), clock.millis());
        }
    }

    /**
     * Throws {@link SignUpClosedException} when the policy refuses this (normalised) address;
     * otherwise returns the mode it was let in under (APPROVAL: held until an administrator decides).
     */
    SignupMode check(String email) {
        SiteSettings current = settings.current();
        switch (current.signupMode()) {
            case OPEN -> { }
            case DOMAINS -> {
                String domain = email.substring(email.lastIndexOf('@') + 1);
                if (!current.allowedEmailDomains().contains(domain)) {
                    throw new SignUpClosedException("Sign-up here is for addresses at "
                            + String.join(", ", current.allowedEmailDomains()) + ".");
                }
            }
            case INVITE_ONLY -> {
                boolean invited = jdbc.sql("""
                                SELECT count(*) FROM email_invitations
                                WHERE email_hash = :hash AND status = 'SENT' AND expires_at > :now""")
                        .param("hash", keys.emailHash(email)).param("now", clock.millis())
                        .query(Long.class).single() > 0;
                if (!invited) {
                    throw new SignUpClosedException(
                            "Sign-up here is by invitation: ask a member to invite this address.");
                }
            }
            case APPROVAL -> { }
        }
        return current.signupMode();
    }
}
