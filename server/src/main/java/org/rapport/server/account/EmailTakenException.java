package org.rapport.server.account;

import org.rapport.server.system.ConflictException;

public class EmailTakenException extends ConflictException {
    public EmailTakenException() {
        this("An account with this e-mail address already exists. Sign in instead.");
    }

    private EmailTakenException(String detail) {
        super("email-taken", "E-mail already registered", detail);
    }

    /** A member tried to change their address to another account's. */
    static EmailTakenException forChange() {
        return new EmailTakenException("Another account uses this e-mail address; choose a different one.");
    }
}
