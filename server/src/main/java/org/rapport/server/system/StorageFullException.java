package org.rapport.server.system;

import java.time.Duration;

/**
 * A write failed because the disk holding the database or the data directory is full (SQLite's
 * {@code SQLITE_FULL}, PostgreSQL's {@code 53100}, "No space left on device"): 507 with
 * {@code Retry-After}. The database rolled the write back, so nothing of it was stored.
 */
public class StorageFullException extends ServiceUnavailableException {

    public StorageFullException(Throwable cause) {
        super(507, "storage-full", "Storage full",
                "The server has run out of disk space and could not save this; nothing was changed. "
                        + "Please try again later.", Duration.ofSeconds(60), cause);
    }

    /** Whether {@code e} or one of its causes says the disk is full. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s
                    && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_FULL
                        || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_IOERR_WRITE)) {
                return true;
            }
            if (t instanceof java.sql.SQLException q && "53100".equals(q.getSQLState())) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && t.getMessage().contains("No space left on device")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
