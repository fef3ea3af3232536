package org.rapport.server.invitation;

import org.rapport.server.system.NotFoundException;

/** No such invitation, or one the caller is not part of in the needed role. */
public class InvitationNotFoundException extends NotFoundException {
    public InvitationNotFoundException() {
        super("There is no invitation with this id for you.");
    }
}
