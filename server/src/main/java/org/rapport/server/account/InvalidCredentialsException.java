package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** Wrong e-mail or password; never says which, so addresses cannot be probed. */
public class InvalidCredentialsException extends RapportException {
    public InvalidCredentialsException() {
        super("invalid-credentials", 401, "Sign-in failed", "The e-mail address or password is not right.");
    }
}
