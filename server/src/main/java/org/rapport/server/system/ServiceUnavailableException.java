package org.rapport.server.system;

import java.time.Duration;

/**
 * The server cannot do this right now, through no fault of the request (503 with
 * {@code Retry-After}): nothing of it was stored, and the same request may simply be sent again.
 */
public class ServiceUnavailableException extends RapportException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String type, String title, String detail, Duration retryAfter, Throwable cause) {
        this(503, type, title, detail, retryAfter, cause);
    }

    protected ServiceUnavailableException(int status, String type, String title, String detail, Duration retryAfter,
                                          Throwable cause) {
        super(type, status, title, detail);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Whole seconds, rounded up, at least 1: the value of the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** The database could not be reached, or gave no connection in time. */
    public static ServiceUnavailableException databaseUnavailable(Throwable cause) {
        return new ServiceUnavailableException("database-unavailable", "Temporarily unavailable",
                "The database cannot be reached just now, so nothing was changed. Please try again in a few seconds.",
                Duration.ofSeconds(5), cause);
    }
}
