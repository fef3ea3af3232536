package org.rapport.server.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Transactions on SQLite that either hold the write lock or never begin (issue 14).
 *
 * <p>Why this exists: with {@code transaction_mode=IMMEDIATE}, sqlite-jdbc's
 * {@code setAutoCommit(false)} records "not in auto-commit" <em>before</em> it runs
 * {@code BEGIN IMMEDIATE}; when that statement times out with {@code SQLITE_BUSY} the driver
 * believes a transaction is open and SQLite has none. Hikari, whose own flag never changed, does
 * not reset the connection, so the next transaction on it skips {@code BEGIN} (auto-commit is
 * already off), every statement commits on its own, and the final {@code commit()} fails with
 * "cannot commit - no transaction is active": stored, answered 500, half a multi-step write kept.
 * The driver's {@code commit()} and {@code rollback()} also run the next {@code BEGIN IMMEDIATE}
 * straight away, so a commit that succeeded could be reported failed when that wait timed out.
 *
 * <p>So the URL asks for {@code DEFERRED} transactions (a plain {@code BEGIN}, which takes no lock
 * and cannot be busy), and this manager takes the write lock itself as the first statement of
 * every read-write transaction, inside it, with a write that changes nothing. If the lock does not
 * come within the busy timeout, the transaction is rolled back before anything ran and a
 * {@link DatabaseBusyException} (503) is thrown. Writers of this process first queue on a fair
 * in-process lock, so they take SQLite's lock in arrival order instead of polling for it (SQLite's
 * busy handler sleeps and retries, which is unfair and wastes the lock's idle time); only a writer
 * of another process (the CLI) makes them wait inside SQLite. Read-only transactions take neither.
 *
 * <p>A connection whose commit or rollback failed is evicted from the pool, not reused.
 * How long each transaction held the lock is timed per calling class and method
 * ({@code rapport.db.write.lock.held}); holds over a second are logged.
 */
final class SqliteTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(SqliteTransactionManager.class);
    /** A write that changes nothing: it makes SQLite take the write lock for this transaction. */
    static final String TAKE_WRITE_LOCK = "DELETE FROM write_lock WHERE 0";
    private static final long SLOW_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final ReentrantLock writers = new ReentrantLock(true);
    private final Duration busyTimeout;
    private final MeterRegistry meters;
    private final ThreadLocal<ArrayDeque<Hold>> holds = ThreadLocal.withInitial(ArrayDeque::new);
    private final Set<Object> failed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private record Hold(Object transaction, String caller, long since) {
    }

    SqliteTransactionManager(DataSource dataSource, Duration busyTimeout, MeterRegistry meters) {
        super(dataSource);
        this.busyTimeout = busyTimeout;
        this.meters = meters;
        setExceptionTranslator(new SqliteExceptionTranslator());
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        Hold hold = null;
        if (!definition.isReadOnly()) {
            long start = System.nanoTime();
            try {
                if (!writers.tryLock(busyTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new DatabaseBusyException(busyTimeout, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseBusyException(Duration.ofNanos(System.nanoTime() - start), e);
            }
            hold = new Hold(transaction, caller(), System.nanoTime());
            holds.get().push(hold);
        }
        try {
            super.doBegin(transaction, definition);
        } catch (CannotCreateTransactionException e) {
            release(hold);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DatabaseBusyException busy) {
                    throw busy;
                }
            }
            throw e;
        } catch (RuntimeException | Error e) {
            release(hold);
            throw e;
        }
    }

    /**
     * Runs after {@code setAutoCommit(false)} (a plain {@code BEGIN}): the lock-taking write is
     * the transaction's first statement, so a refusal leaves nothing to undo.
     */
    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        if (definition.isReadOnly()) {
            return;
        }
        try (Statement statement = con.createStatement()) {
            statement.executeUpdate(TAKE_WRITE_LOCK);
        } catch (SQLiteException e) {
            // Leave the connection as it came, whoever releases it: nothing ran in this
            // transaction, so roll it back and return to auto-commit.
            try {
                con.rollback();
                con.setAutoCommit(true);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            if (isBusy(e)) {
                throw new DatabaseBusyException(busyTimeout, e);
            }
            throw e;
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        try {
            super.doCommit(status);
        } catch (RuntimeException e) {
            failed.add(status.getTransaction());
            throw e;
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            failed.add(status.getTransaction());
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            if (failed.remove(transaction) && transaction instanceof JdbcTransactionObjectSupport tx
                    && tx.hasConnectionHolder() && obtainDataSource() instanceof HikariDataSource hikari) {
                // Its state after a failed commit or rollback is not worth trusting: close it
                // (SQLite rolls back whatever is open) and let the pool open a fresh one.
                log.warn("Evicting a SQLite connection whose commit or rollback failed");
                hikari.evictConnection(tx.getConnectionHolder().getConnection());
            }
            super.doCleanupAfterCompletion(transaction);
        } finally {
            ArrayDeque<Hold> mine = holds.get();
            if (!mine.isEmpty() && mine.peek().transaction() == transaction) {
                release(mine.peek());
            }
        }
    }

    private void release(Hold hold) {
        if (hold == null) {
            return;
        }
        ArrayDeque<Hold> mine = holds.get();
        mine.remove(hold);
        writers.unlock();
        long held = System.nanoTime() - hold.since();
        if (meters != null) {
            Timer.builder("rapport.db.write.lock.held")
                    .description("How long a transaction held SQLite's write lock")
                    .tag("transaction", hold.caller())
                    .register(meters).record(held, TimeUnit.NANOSECONDS);
        }
        if (held > SLOW_HOLD_NANOS) {
            log.warn("{} held the database write lock for {} ms", hold.caller(), TimeUnit.NANOSECONDS.toMillis(held));
        }
    }

    /** The first Rapport method on the stack outside this package's plumbing: who opened the transaction. */
    private static String caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("org.rapport.")
                        && !f.getClassName().startsWith(SqliteTransactionManager.class.getName()))
                .findFirst()
                .map(f -> {
                    String c = f.getClassName();
                    int dollar = c.indexOf('$');
                    c = c.substring(c.lastIndexOf('.') + 1, dollar < 0 ? c.length() : dollar);
                    String m = f.getMethodName();
                    return c + "." + (m.startsWith("lambda$") ? m.substring(7, Math.max(7, m.indexOf('$', 7))) : m);
                })
                .orElse("other"));
    }

    static boolean isBusy(SQLiteException e) {
        SQLiteErrorCode code = e.getResultCode();
        return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_BUSY_TIMEOUT
                || code == SQLiteErrorCode.SQLITE_BUSY_RECOVERY || code == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT
                || code == SQLiteErrorCode.SQLITE_LOCKED;
    }
}
