package org.rapport.server.invitation;

import java.time.Instant;
import java.util.Objects;

/**
 * An invitation to connect. Immutable: each transition returns the next state and throws
 * {@link IllegalStateException} for a move the lifecycle does not allow ({@link InvitationStatus}).
 */
public record Invitation(
        long id,
        long senderId,
        long recipientId,
        String note,
        InvitationStatus status,
        IgnoreReason ignoreReason,
        Instant createdAt,
        Instant expiresAt,
        Instant snoozedUntil,
        Instant respondedAt,
        Instant closedAt,
        FilterReason filteredReason) {

    public Invitation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (senderId == recipientId) {
            throw new IllegalArgumentException("an invitation needs two different members");
        }
    }

    /** Whether the recipient's settings kept it out of their list (it waits in the separate one). */
    public boolean filtered() {
        return filteredReason != null;
    }

    /** Live and not yet past its expiry. */
    public boolean isOpen(Instant now) {
        return status.isLive() && now.isBefore(expiresAt);
    }

    /** What the recipient can still act on. */
    public boolean isPending(Instant now) {
        return status == InvitationStatus.PENDING && now.isBefore(expiresAt);
    }

    public boolean isSnoozed(Instant now) {
        return snoozedUntil != null && now.isBefore(snoozedUntil);
    }

    /** The other member of the pair. */
    public long otherThan(long member) {
        if (member == senderId) {
            return recipientId;
        }
        if (member == recipientId) {
            return senderId;
        }
        throw new IllegalArgumentException("member " + member + " is not part of invitation " + id);
    }

    /** The status as the given member may know it: the sender never learns of an ignore. */
    public InvitationStatus statusFor(long member) {
        return member == senderId && status == InvitationStatus.IGNORED ? InvitationStatus.PENDING : status;
    }

    public Invitation accept(Instant now) {
        requireNotExpired(now);
        return with(status.accept(), ignoreReason, snoozedUntil, now, now);
    }

    public Invitation ignore(IgnoreReason reason, Instant now) {
        requireNotExpired(now);
        return with(status.ignore(), reason, null, now, closedAt);
    }

    public Invitation withdraw(Instant now) {
        return with(status.withdraw(), ignoreReason, snoozedUntil, respondedAt, now);
    }

    public Invitation expire(Instant now) {
        if (now.isBefore(expiresAt)) {
            throw new IllegalStateException("invitation " + id + " expires at " + expiresAt + ", not before");
        }
        return with(status.expire(), ignoreReason, snoozedUntil, respondedAt, now);
    }

    /** Hides a pending invitation from the received list until {@code until} (clamped to expiry). */
    public Invitation snooze(Instant until, Instant now) {
        if (status != InvitationStatus.PENDING) {
            throw new IllegalStateException("only a pending invitation can be snoozed, not " + status);
        }
        requireNotExpired(now);
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("a snooze must end in the future");
        }
        Instant clamped = until.isAfter(expiresAt) ? expiresAt : until;
        return with(status, ignoreReason, clamped, respondedAt, closedAt);
    }

    private void requireNotExpired(Instant now) {
        if (!now.isBefore(expiresAt)) {
            throw new IllegalStateException("invitation " + id + " expired at " + expiresAt);
        }
    }

    private Invitation with(InvitationStatus s, IgnoreReason reason, Instant snooze, Instant responded,
                            Instant closed) {
        return new Invitation(id, senderId, recipientId, note, s, reason, createdAt, expiresAt, snooze, responded,
                closed, filteredReason);
    }
}
