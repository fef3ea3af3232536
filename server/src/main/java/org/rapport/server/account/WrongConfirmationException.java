package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** The password given to confirm a dangerous action is not the member's: 403, nothing changed. */
public class WrongConfirmationException extends RapportException {

    public WrongConfirmationException() {
        super("wrong-confirmation", 403, "Not confirmed", "The password is not right; nothing was changed.");
    }
}
