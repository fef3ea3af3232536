package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** No password-reset link has this token: 404. */
public class ResetLinkNotFoundException extends RapportException {

    public ResetLinkNotFoundException() {
        super("reset-link-not-found", 404, "No such link",
                "This password-reset link is not one Rapport sent. Ask for a new one.");
    }
}
