package org.rapport.server.connection;

import org.rapport.server.system.NotFoundException;

/** Removing a connection that does not exist. */
public class NotConnectedException extends NotFoundException {

    public NotConnectedException() {
        super("You are not connected to this member.");
    }
}
