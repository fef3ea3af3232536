package org.rapport.server.invitation;

import org.rapport.server.system.ConflictException;

/** Acting on an invitation that is no longer open: accepted, withdrawn, ignored or expired. */
public class InvitationClosedException extends ConflictException {
    public InvitationClosedException(String detail) {
        super("invitation-closed", "Invitation no longer open", detail);
    }
}
