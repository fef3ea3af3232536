package org.rapport.server.system;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Background writers (scheduled jobs, batches) wait out a busy or briefly unreachable database
 * instead of dropping their work (issue 14): the same transaction is tried again after a growing
 * pause. Only failures that left nothing stored are retried: a lock or connection not granted, a
 * transaction that could not begin.
 */
public final class BackgroundRetry {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRetry.class);

    private BackgroundRetry() {
    }

    /** Runs {@code body} up to {@code attempts} times, pausing {@code firstPause}, then twice as long each time. */
    public static <T> T call(String what, int attempts, Duration firstPause, Supplier<T> body) {
        long pause = firstPause.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                log.info("{}: the database was busy or unreachable (attempt {} of {}), trying again in {} ms: {}",
                        what, attempt, attempts, pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 60_000);
            }
        }
    }

    /** {@link #call} with 8 attempts from a 1 s pause: about four minutes in all. */
    public static <T> T call(String what, Supplier<T> body) {
        return call(what, 8, Duration.ofSeconds(1), body);
    }

    /** Whether {@code e} is a failure that stored nothing and may pass: busy, unreachable, not begun. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailableException || t instanceof PessimisticLockingFailureException
                    || t instanceof TransientDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof java.sql.SQLTransientException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
