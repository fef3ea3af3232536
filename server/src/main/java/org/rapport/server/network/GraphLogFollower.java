package org.rapport.server.network;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.rapport.server.system.Database;
import org.rapport.server.system.Listening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's graph index following the change log: one thread that waits for PostgreSQL's
 * {@code NOTIFY rapport_graph_changes} (sent by every graph-changing commit, see
 * {@link GraphChangeLog}) on a connection of its own, at most one poll interval, then applies
 * whatever is new ({@link GraphIndex#catchUp()}). The poll is the safety net for a notification
 * lost with a broken connection; on SQLite (one node) it is all there is. The same thread writes
 * the snapshot every snapshot interval and once more at a clean shutdown.
 *
 * <p>Runs with the scheduled jobs ({@code rapport.scheduling.enabled}), so not in one-shot
 * commands or in tests that drive {@link GraphIndex#catchUp()} themselves.
 */
@Component
@ConditionalOnBooleanProperty(name = "rapport.scheduling.enabled", matchIfMissing = true)
class GraphLogFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GraphLogFollower.class);

    private final GraphIndex index;
    private final DataSource dataSource;
    private final Database database;
    private final GraphReplicationProperties settings;
    private volatile boolean running;
    private Thread thread;

    GraphLogFollower(GraphIndex index, DataSource dataSource, Database database, GraphReplicationProperties settings) {
        this.index = index;
        this.dataSource = dataSource;
        this.database = database;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Listening.start("graph-log-follower", this::follow);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        Listening.stop(t, 10);
        try {
            index.catchUp();
            index.writeSnapshot(false);
        } catch (Exception e) {
            log.warn("No graph snapshot written at shutdown: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // A lower phase than the web server's: starts before it and stops after it, so the
        // shutdown snapshot holds every write the server acknowledged.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void follow() {
        long pollMillis = settings.pollInterval().toMillis();
        long snapshotMillis = settings.snapshotInterval().toMillis();
        long nextSnapshot = index.lastSnapshotPosition() < 0 ? System.nanoTime()
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(snapshotMillis);
        Connection listening = null;
        while (running) {
            try {
                if (listening == null && !database.isSqlite()) {
                    listening = Listening.listen(dataSource, GraphChangeLog.CHANNEL);
                }
                if (listening != null) {
                    // Returns on the first notification, or after the poll interval with none.
                    listening.unwrap(PGConnection.class).getNotifications((int) pollMillis);
                } else {
                    Thread.sleep(pollMillis);
                }
                index.catchUp();
                if (snapshotMillis > 0 && System.nanoTime() - nextSnapshot >= 0) {
                    index.writeSnapshot(false);
                    nextSnapshot = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(snapshotMillis);
                }
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                log.warn("Following the graph change log failed, retrying: {}", e.toString());
                Listening.close(listening);
                listening = null;
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
        Listening.close(listening);
    }
}
