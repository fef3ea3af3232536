package org.rapport.server.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * The parts every follower of a PostgreSQL {@code NOTIFY} channel shares (the graph change log,
 * the cluster bus): a pooled connection that {@code LISTEN}s, given back clean, and the daemon
 * thread that waits on it, stopped by interrupting it and waiting a bounded time.
 */
public final class Listening {

    private Listening() {
    }

    /** A pooled connection in auto-commit that listens on {@code channel}. */
    public static Connection listen(DataSource dataSource, String channel) throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("LISTEN " + channel);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Stops listening and gives the connection back (a broken one is dropped by the pool). */
    public static void close(Connection c) {
        if (c == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // The connection goes back to the pool: it must not keep collecting notifications.
            s.execute("UNLISTEN *");
        } catch (SQLException e) {
            // broken: the pool drops it
        }
        try {
            c.close();
        } catch (SQLException e) {
            // already broken
        }
    }

    /** Starts {@code body} on a daemon thread of that name. */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Interrupts {@code t} (if any) and waits for it at most {@code seconds}. */
    public static void stop(Thread t, long seconds) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
