package org.rapport.server.system;

import java.time.Duration;

/**
 * A write waited {@code rapport.db.busy-timeout} for SQLite's write lock and did not get it: its
 * transaction never began, so nothing of it was stored (503 with {@code Retry-After}).
 */
public class DatabaseBusyException extends ServiceUnavailableException {

    public DatabaseBusyException(Duration waited, Throwable cause) {
        super("database-busy", "Busy",
                "The server is busy with other changes and could not save this one in time; nothing was changed. "
                        + "Please try again in a moment.",
                Duration.ofSeconds(Math.max(1, Math.min(5, waited.toSeconds()))), cause);
    }
}
