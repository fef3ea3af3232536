package org.rapport.server.privacy;

import java.time.Duration;
import java.util.Locale;

import org.rapport.server.system.RateLimitException;

/** A member used up one of their {@link ReadBudget}s: 429 with {@code Retry-After}. */
public class ReadBudgetExceededException extends RateLimitException {

    public ReadBudgetExceededException(ReadBudget budget, int perMinute, int perDay, Duration retryAfter) {
        super("too-many-reads", String.format(Locale.ENGLISH, "You have reached the limit for %s: %,d a minute and "
                + "%,d a day. Try again in %s.", budget.noun(), perMinute, perDay, wait(retryAfter)), retryAfter);
    }

    private static String wait(Duration d) {
        long s = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        if (s < 120) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 59) / 60;
        if (m < 120) {
            return m + " minutes";
        }
        return ((m + 59) / 60) + " hours";
    }
}
