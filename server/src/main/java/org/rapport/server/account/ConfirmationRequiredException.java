package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** A dangerous action (deleting the account) was asked for without the password that confirms it: 401. */
public class ConfirmationRequiredException extends RapportException {

    public ConfirmationRequiredException() {
        super("confirmation-required", 401, "Confirmation required",
                "Confirm with your password: send {\"password\": \"…\"} with this request.");
    }
}
