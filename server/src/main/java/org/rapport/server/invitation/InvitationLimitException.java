package org.rapport.server.invitation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.rapport.server.system.RateLimitException;

/** The sender has used their invitation allowance for the day or the week (B1); the detail says until when. */
public class InvitationLimitException extends RateLimitException {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public InvitationLimitException(long sent, String period, Instant nextAt, Duration retryAfter) {
        super("invitation-limit", String.format(Locale.ENGLISH,
                "You have sent %,d invitations in the last %s, your allowance for now. You can send the next one on %s. "
                        + "Your allowance grows as more of your invitations are accepted: see /network/quota.",
                sent, period, WHEN.format(nextAt)), retryAfter);
    }
}
