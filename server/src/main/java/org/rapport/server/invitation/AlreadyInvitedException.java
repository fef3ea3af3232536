package org.rapport.server.invitation;

import org.rapport.server.system.ConflictException;

public class AlreadyInvitedException extends ConflictException {
    private final long invitationId;

    public AlreadyInvitedException(String name, long invitationId) {
        super("already-invited", "Already invited",
                "You have already invited " + name + "; the invitation is pending.");
        this.invitationId = invitationId;
    }

    public long invitationId() {
        return invitationId;
    }
}
