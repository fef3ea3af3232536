package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** The password-reset link was used already or is older than an hour: 410. */
public class ResetLinkExpiredException extends RapportException {

    public ResetLinkExpiredException() {
        super("reset-link-expired", 410, "Link no longer valid",
                "This password-reset link was used already or is more than an hour old. Ask for a new one.");
    }
}
