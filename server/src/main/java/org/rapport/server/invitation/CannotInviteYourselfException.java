package org.rapport.server.invitation;

import org.rapport.server.system.ConflictException;

public class CannotInviteYourselfException extends ConflictException {
    public CannotInviteYourselfException() {
        super("cannot-invite-yourself", "Cannot invite yourself", "You cannot invite yourself to connect.");
    }
}
