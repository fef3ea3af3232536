package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** A two-factor or recovery code that is not right (or was used already): 401 at sign-in. */
public class InvalidTwoFactorCodeException extends RapportException {

    public InvalidTwoFactorCodeException() {
        super("invalid-two-factor-code", 401, "Code not right",
                "The code is not right, or was used already. Codes change every 30 seconds.");
    }
}
