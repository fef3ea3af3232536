package org.rapport.server.web;

import org.rapport.server.system.DatabaseBusyException;
import org.rapport.server.system.ServiceUnavailableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures mean "the database cannot serve this now" rather than a bug (issue 14): no
 * connection in time or the server unreachable, a transaction that could not begin, a lock not
 * granted in time. Each is answered 503 with {@code Retry-After}, as problem+json or a page; none
 * of them stored anything, because the statement that failed never ran or its transaction rolled
 * back.
 */
final class Unavailable {

    private Unavailable() {
    }

    /** The 503 to answer for {@code e}, or {@code null} when {@code e} is not such a failure. */
    static ServiceUnavailableException of(Throwable e) {
        if (org.rapport.server.system.StorageFullException.isDiskFull(e)) {
            return new org.rapport.server.system.StorageFullException(e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailableException u) {
                return u;
            }
            if (t instanceof PessimisticLockingFailureException) {
                return new DatabaseBusyException(java.time.Duration.ofSeconds(1), t);
            }
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof QueryTimeoutException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return ServiceUnavailableException.databaseUnavailable(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
