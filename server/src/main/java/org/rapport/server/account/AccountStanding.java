package org.rapport.server.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a member may sign in and act: the one check every sign-in path and every request with a
 * session or token makes. A member is suspended while {@code members.suspended_until} is in the
 * future (administration, issue 17, writes it); an open-ended suspension holds {@link Long#MAX_VALUE}.
 * A sign-up waiting for approval is held the same way, with {@code approval_requested_at} set.
 */
@Component
public class AccountStanding {

    /** {@code suspended_until} of a suspension without an end. */
    public static final long INDEFINITE = Long.MAX_VALUE;

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountStanding(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Until when the member is suspended (empty: not suspended; {@code Instant.MAX}: without an end). */
    public Optional<Instant> suspendedUntil(long memberId) {
        return jdbc.sql("SELECT suspended_until FROM members WHERE id = :id AND suspended_until > :now")
                .param("id", memberId).param("now", clock.millis()).query(Long.class).optional()
                .map(until -> until == INDEFINITE ? Instant.MAX : Instant.ofEpochMilli(until));
    }

    /**
     * Whether the member signed up while sign-up was by approval and waits for an administrator
     * (issue 17): such an account is also held suspended, without an end, until then.
     */
    public boolean awaitingApproval(long memberId) {
        return jdbc.sql("SELECT count(*) FROM members WHERE id = :id AND approval_requested_at IS NOT NULL")
                .param("id", memberId).query(Long.class).single() > 0;
    }

    /**
     * Throws {@link AccountAwaitingApprovalException} when the member waits for approval, and
     * {@link AccountSuspendedException} when they are suspended.
     */
    public void requireAllowedToSignIn(long memberId) {
        Optional<Instant> until = suspendedUntil(memberId);
        if (until.isPresent()) {
            if (awaitingApproval(memberId)) {
                throw new AccountAwaitingApprovalException();
            }
            throw new AccountSuspendedException(until.get() == Instant.MAX ? null : until.get());
        }
    }

    /** The same check on a {@code suspended_until} already read with something else (null: never suspended). */
    void requireNotSuspended(Long suspendedUntil) {
        if (suspendedUntil != null && suspendedUntil > clock.millis()) {
            throw new AccountSuspendedException(suspendedUntil == INDEFINITE ? null : Instant.ofEpochMilli(suspendedUntil));
        }
    }

    /**
     * The member's security stamp, unless they are suspended (then empty, as for a deleted
     * member): what a session must still match, in one read per request.
     */
    Optional<String> stampOfMemberInGoodStanding(long memberId) {
        return jdbc.sql("""
                        SELECT security_stamp FROM members
                        WHERE id = :id AND (suspended_until IS NULL OR suspended_until <= :now)""")
                .param("id", memberId).param("now", clock.millis()).query(String.class).optional();
    }
}
