package org.rapport.server.system;

import java.time.Duration;

/** A limit was reached; the caller may try again after {@link #retryAfter()} (429 with Retry-After). */
public class RateLimitException extends RapportException {

    private final Duration retryAfter;

    public RateLimitException(String type, String detail, Duration retryAfter) {
        super(type, 429, "Limit reached", detail);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the value of the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
