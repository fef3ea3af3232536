package org.rapport.server.invitation;

import java.time.Duration;

import org.rapport.server.system.RateLimitException;

/** The sender has sent as many invitations as allowed in the last 24 hours. */
public class InvitationLimitException extends RateLimitException {
    public InvitationLimitException(int limit, Duration retryAfter) {
        super("invitation-limit", "You have sent " + limit + " invitations in the last 24 hours, the most allowed. "
                + "You can send more in " + human(retryAfter) + ".", retryAfter);
    }

    private static String human(Duration d) {
        long minutes = Math.max(1, d.toMinutes() + (d.toSecondsPart() > 0 ? 1 : 0));
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 59) / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
