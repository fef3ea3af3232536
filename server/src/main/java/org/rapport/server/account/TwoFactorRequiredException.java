package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** The password was right, but the account has two-factor sign-in on and no code came with it: 401. */
public class TwoFactorRequiredException extends RapportException {

    private final transient long memberId;

    /** {@code memberId}: whose password was right (for the page's second step; never sent to the client). */
    public TwoFactorRequiredException(long memberId) {
        super("two-factor-required", 401, "Two-factor code required",
                "This account signs in with a second factor: send the code from your authenticator app "
                        + "(or a recovery code) as \"code\".");
        this.memberId = memberId;
    }

    long memberId() {
        return memberId;
    }
}
