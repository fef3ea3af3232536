package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** A dangerous action (deleting the account) was asked for without the password that confirms it: 401. */
public class ConfirmationRequiredException extends RapportException {

    public ConfirmationRequiredException() {
        super("confirmation-required", 401, "Confirmation required",
                "Confirm with your password: send {\"password\": \"…\"} with this request.");
    }

    /** For a member without a password but with two-factor sign-in on (single sign-on, issue 16). */
    ConfirmationRequiredException(boolean code) {
        super("confirmation-required", 401, "Confirmation required",
                "Confirm with a code from your authenticator app (or a recovery code): send {\"code\": \"…\"} with this request.");
    }
}
