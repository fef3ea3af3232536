package org.rapport.server.system;

import java.sql.SQLException;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Spring knows PostgreSQL's error codes but not SQLite's: sqlite-jdbc reports every constraint
 * failure as error code 19 with no SQL state. This maps SQLite's extended result codes onto the
 * same exceptions PostgreSQL produces, so services handle "already exists" and "busy" the same way
 * on both databases.
 */
final class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback = new SQLStateSQLExceptionTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        if (ex instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String message = task + "; " + ex.getMessage();
            switch (code) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY:
                    return new DuplicateKeyException(message, ex);
                case SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_FOREIGNKEY,
                     SQLITE_CONSTRAINT_NOTNULL, SQLITE_CONSTRAINT_TRIGGER, SQLITE_CONSTRAINT_DATATYPE:
                    return new DataIntegrityViolationException(message, ex);
                case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED,
                     SQLITE_LOCKED_SHAREDCACHE:
                    return new CannotAcquireLockException(message, ex);
                default:
                    break;
            }
        }
        return fallback.translate(task, sql, ex);
    }
}
