package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** Asking for a verification mail for an address that is verified already: 409. */
public class EmailAlreadyVerifiedException extends RapportException {

    public EmailAlreadyVerifiedException() {
        super("email-already-verified", 409, "Already verified", "Your e-mail address is verified already.");
    }
}
