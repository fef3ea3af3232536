package org.rapport.server.invitation;

import org.rapport.server.system.ConflictException;

public class AlreadyConnectedException extends ConflictException {
    public AlreadyConnectedException(String name) {
        super("already-connected", "Already connected", "You and " + name + " are already connected.");
    }
}
