package org.rapport.server.account;

import org.rapport.server.system.ConflictException;

public class EmailTakenException extends ConflictException {
    public EmailTakenException() {
        super("email-taken", "E-mail already registered",
                "An account with this e-mail address already exists. Sign in instead.");
    }
}
