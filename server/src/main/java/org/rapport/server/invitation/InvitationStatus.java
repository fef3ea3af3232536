package org.rapport.server.invitation;

/**
 * Where an invitation is in its life. PENDING and IGNORED are "live": the sender sees both as
 * pending (ignoring is silent), and the pair cannot have another live invitation.
 * <pre>
 * PENDING ──accept──▶ ACCEPTED        PENDING/IGNORED ──withdraw──▶ WITHDRAWN
 * PENDING ──ignore──▶ IGNORED         PENDING/IGNORED ──expire────▶ EXPIRED
 * IGNORED ──accept──▶ ACCEPTED  (the recipient changes their mind, or invites the sender back)
 * PENDING/IGNORED ──(a block between the two)──▶ CANCELLED
 * </pre>
 */
public enum InvitationStatus {
    PENDING, ACCEPTED, IGNORED, WITHDRAWN, EXPIRED, CANCELLED;

    public boolean isLive() {
        return this == PENDING || this == IGNORED;
    }

    InvitationStatus accept() {
        return move(ACCEPTED, PENDING, IGNORED);
    }

    InvitationStatus ignore() {
        return move(IGNORED, PENDING);
    }

    InvitationStatus withdraw() {
        return move(WITHDRAWN, PENDING, IGNORED);
    }

    InvitationStatus expire() {
        return move(EXPIRED, PENDING, IGNORED);
    }

    private InvitationStatus move(InvitationStatus to, InvitationStatus... allowedFrom) {
        for (InvitationStatus from : allowedFrom) {
            if (this == from) {
                return to;
            }
        }
        throw new IllegalStateException("an invitation cannot go from " + this + " to " + to);
    }
}
