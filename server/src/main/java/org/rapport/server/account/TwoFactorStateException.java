package org.rapport.server.account;

import org.rapport.server.system.ConflictException;

/** Two-factor set-up asked for in the wrong state (already on, or not started, or not on): 409. */
public class TwoFactorStateException extends ConflictException {

    public TwoFactorStateException(String type, String detail) {
        super(type, "Two-factor sign-in", detail);
    }
}
