package org.rapport.server.network;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.rapport.graph.ConnectionGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The server's copy of the connection graph, loaded from the {@code connections} table at start-up
 * and kept equal to it afterwards.
 *
 * <p><b>How it stays equal to the database.</b> A service that changes connections calls
 * {@link #reconcileAfterCommit(long, long)} inside its transaction. After the commit, the index
 * re-reads whether that pair is connected and sets the graph to match, holding a lock striped by
 * pair. Whatever order concurrent commits and reconciliations of one pair run in, the last
 * reconciliation of that pair starts after the last commit and reads the final state, so the graph
 * converges to the database; and because it runs before the service returns, a member who made a
 * change sees it in their next request. A write that fails to commit changes nothing. The cost is
 * one primary-key lookup per changed pair.
 *
 * <p>Member ids are database ids; the engine's dense {@code int} ids are the same numbers, so ids
 * must stay below 2<sup>31</sup> (checked at sign-up).
 */
@Component
@DependsOnDatabaseInitialization
public class GraphIndex {

    private static final Logger log = LoggerFactory.getLogger(GraphIndex.class);
    private static final int STRIPES = 256;

    private final JdbcClient jdbc;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private volatile ConnectionGraph graph;
    private volatile Duration loadTime;

    public GraphIndex(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        reload();
        Gauge.builder("rapport.graph.connections", this, index -> index.graph().edgeCount())
                .description("Connections in the in-memory graph").register(meters);
        Gauge.builder("rapport.graph.members", this, index -> index.graph().memberCount())
                .description("Members with at least one connection in the in-memory graph").register(meters);
    }

    /**
     * Rebuilds the graph from the database. For start-up and after bulk loads (demo network,
     * imports) while no other writes run: a change committed during the reload may be missed.
     */
    public void reload() {
        long start = System.nanoTime();
        ConnectionGraph fresh = load(jdbc);
        this.graph = fresh;
        this.loadTime = Duration.ofNanos(System.nanoTime() - start);
        log.info("Connection graph loaded: {} members with connections, {} connections in {} ms",
                fresh.memberCount(), fresh.edgeCount(), loadTime.toMillis());
    }

    private static ConnectionGraph load(JdbcClient jdbc) {
        long count = jdbc.sql("SELECT count(*) FROM connections").query(Long.class).single();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many connections for one index: " + count);
        }
        int capacity = (int) count + 16;
        int[][] edges = {new int[capacity], new int[capacity]};
        int[] n = {0};
        jdbc.sql("SELECT member_lo, member_hi FROM connections").query(rs -> {
            if (n[0] == edges[0].length) {
                edges[0] = java.util.Arrays.copyOf(edges[0], n[0] * 2);
                edges[1] = java.util.Arrays.copyOf(edges[1], n[0] * 2);
            }
            edges[0][n[0]] = vertex(rs.getLong(1));
            edges[1][n[0]] = vertex(rs.getLong(2));
            n[0]++;
        });
        return ConnectionGraph.fromEdges(edges[0], edges[1], n[0]);
    }

    /** The graph for reading. Never mutate it directly: go through the database and this index. */
    public ConnectionGraph graph() {
        return graph;
    }

    public Duration loadTime() {
        return loadTime;
    }

    /** Whether {@code memberId} can be a vertex of the graph. */
    public static boolean inRange(long memberId) {
        return memberId >= 0 && memberId <= Integer.MAX_VALUE;
    }

    /** The engine's id for a member id. */
    public static int vertex(long memberId) {
        if (!inRange(memberId)) {
            throw new IllegalArgumentException("member id out of the graph's range: " + memberId);
        }
        return (int) memberId;
    }

    /**
     * Sets the graph's edge between a and b to what the database holds once the current transaction
     * commits (at once when no transaction is active).
     */
    public void reconcileAfterCommit(long a, long b) {
        runAfterCommit(() -> reconcile(a, b));
    }

    /** Drops a deleted member's edges once the deleting transaction commits. */
    public void removeMemberAfterCommit(long member) {
        runAfterCommit(() -> graph.removeMember(vertex(member)));
    }

    void reconcile(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        ReentrantLock lock = stripes[Long.hashCode(lo * 31 + hi) & (STRIPES - 1)];
        lock.lock();
        try {
            boolean connected = jdbc.sql("SELECT count(*) FROM connections WHERE member_lo = :lo AND member_hi = :hi")
                    .param("lo", lo).param("hi", hi).query(Long.class).single() > 0;
            if (connected) {
                graph.connect(vertex(lo), vertex(hi));
            } else {
                graph.disconnect(vertex(lo), vertex(hi));
            }
        } finally {
            lock.unlock();
        }
    }

    private static void runAfterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
