package org.rapport.server.invitation;

import org.rapport.server.system.ConflictException;

/** One side already has the maximum number of connections (A6). */
public class ConnectionLimitException extends ConflictException {
    public ConnectionLimitException(String detail) {
        super("connection-limit", "Connection limit reached", detail);
    }
}
