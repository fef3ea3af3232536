package org.rapport.server.invitation;

import java.time.Duration;

import org.rapport.server.system.RateLimitException;

/** The sender has as many invitations waiting for an answer as allowed at once (B3). */
public class PendingLimitException extends RateLimitException {
    public PendingLimitException(long pending, Duration retryAfter) {
        super("pending-invitation-limit", String.format(java.util.Locale.ENGLISH,
                "You have %,d invitations waiting for an answer, the most allowed at once. "
                        + "Withdraw some you no longer expect an answer to, or wait for answers.", pending), retryAfter);
    }
}
