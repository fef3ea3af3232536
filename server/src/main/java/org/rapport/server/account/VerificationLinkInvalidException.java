package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** A verification link that is unknown, used, lapsed, or for an address the member no longer has: 410. */
public class VerificationLinkInvalidException extends RapportException {

    public VerificationLinkInvalidException() {
        super("verification-link-invalid", 410, "Link no longer valid",
                "This verification link is not valid any more. Sign in and ask for a new one in your settings.");
    }
}
