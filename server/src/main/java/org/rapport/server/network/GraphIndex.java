package org.rapport.server.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.rapport.graph.ConnectionGraph;
import org.rapport.server.network.GraphChangeLog.Change;
import org.rapport.server.network.GraphChangeLog.Entry;
import org.rapport.server.network.GraphChangeLog.Kind;
import org.rapport.server.system.Database;
import org.rapport.server.system.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The server's copy of the connection graph, kept equal to the {@code connections} table: this
 * node's own writes at once, every other node's through the graph change log.
 *
 * <p><b>Own writes.</b> A service that changes connections calls {@link #reconcileAfterCommit}
 * (or {@link #removeMemberAfterCommit}, {@link #reloadAfterCommit}) inside its transaction. Just
 * before the commit the change is appended to {@code graph_changes} ({@link GraphChangeLog}: in
 * the same transaction, so the log and the table never disagree); after the commit the index
 * re-reads whether that pair is connected and sets the graph to match, holding a lock striped by
 * pair, and notes the entry's position as applied. Whatever order concurrent commits and
 * reconciliations of one pair run in, the last reconciliation starts after the last commit and
 * reads the final state, so the graph converges to the database; and because it runs before the
 * service returns, a member who made a change sees it in their next request.
 *
 * <p><b>Other nodes' writes.</b> {@link #catchUp()} (run by {@link GraphLogFollower} when woken by
 * PostgreSQL's NOTIFY or every poll interval) reads the entries after the last applied position
 * in order and reconciles each pair or member the same way, by re-reading the database; an entry
 * this node wrote and already reconciled is skipped by its position. Applying an entry re-reads
 * the present state, so applying it twice or late is harmless, and the argument above holds
 * across nodes: the entry becomes visible only with its commit, so its re-read follows the commit.
 * Positions are contiguous: a hole after the applied position means entries were pruned under a
 * node that fell far behind, and it loads the whole graph again.
 *
 * <p><b>Start-up.</b> The constructor loads the snapshot file when it belongs to this database's
 * log, is readable and whole, is not behind the pruned part of the log, is at most
 * {@code max-replay} entries behind and no RELOAD came after it; otherwise it reads the
 * {@code connections} table (taking the log's head first: whatever commits during the scan has a
 * later position and is replayed). Then it replays the log to the head. Only then does the
 * constructor return, so the application (and its health endpoint) is up only once caught up.
 *
 * <p>Member ids are database ids; the engine's dense {@code int} ids are the same numbers, so ids
 * must stay below 2<sup>31</sup> (checked at sign-up).
 */
@Component
@DependsOnDatabaseInitialization
public class GraphIndex {

    private static final Logger log = LoggerFactory.getLogger(GraphIndex.class);
    private static final int STRIPES = 256;
    private static final int BATCH = 2_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Database database;
    private final GraphChangeLog changeLog;
    private final GraphReplicationProperties settings;
    private final Clock clock;
    private final String nodeId;
    private final Path snapshotFile;
    private final UUID logId;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Held while entries are applied, while the graph is replaced, and while a snapshot is taken. */
    private final ReentrantLock catchUpLock = new ReentrantLock();
    /**
     * Positions of this node's own entries already reconciled, not yet passed by catch-up, with
     * the graph they were applied to: after a reload that graph is gone, and catch-up applies
     * the entry again to the new one.
     */
    private final ConcurrentSkipListMap<Long, ConnectionGraph> ownApplied = new ConcurrentSkipListMap<>();
    private volatile ConnectionGraph graph;
    private volatile long applied;
    private volatile Duration loadTime;
    private volatile String loadedFrom;
    private volatile long lastSnapshotPosition = -1;

    public GraphIndex(JdbcClient jdbc, DataSource dataSource, Database database, GraphChangeLog changeLog,
                      GraphReplicationProperties settings, RapportProperties properties, Clock clock,
                      MeterRegistry meters) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.database = database;
        this.changeLog = changeLog;
        this.settings = settings;
        this.clock = clock;
        this.nodeId = settings.nodeId(properties.dataDir());
        this.snapshotFile = settings.snapshotFile(properties.dataDir());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.logId = changeLog.logId();
        start();
        Gauge.builder("rapport.graph.connections", this, index -> index.graph().edgeCount())
                .description("Connections in the in-memory graph").register(meters);
        Gauge.builder("rapport.graph.members", this, index -> index.graph().memberCount())
                .description("Members with at least one connection in the in-memory graph").register(meters);
        Gauge.builder("rapport.graph.log.applied", this, index -> index.appliedPosition())
                .description("The last graph change log position this node has applied").register(meters);
    }

    private void start() {
        long begin = System.nanoTime();
        catchUpLock.lock();
        try {
            if (!loadSnapshot()) {
                loadFromDatabase();
            }
            long loaded = System.nanoTime();
            int replayed = catchUp();
            this.loadTime = Duration.ofNanos(System.nanoTime() - begin);
            log.info("Connection graph loaded from {}: {} members with connections, {} connections in {} ms; "
                            + "{} log entries replayed in {} ms, caught up at position {} (node {})",
                    loadedFrom, graph.memberCount(), graph.edgeCount(), (loaded - begin) / 1_000_000, replayed,
                    (System.nanoTime() - loaded) / 1_000_000, applied, nodeId);
        } finally {
            catchUpLock.unlock();
        }
    }

    /** Loads the snapshot file if it may be used; says whether it did. */
    private boolean loadSnapshot() {
        if (!settings.snapshots() || !Files.isRegularFile(snapshotFile)) {
            return false;
        }
        try {
            GraphSnapshotFile.Snapshot header = GraphSnapshotFile.readHeader(snapshotFile);
            long head = changeLog.head();
            String unusable = !header.logId().equals(logId) ? "it belongs to another database"
                    : header.position() > head ? "it is ahead of the log (position " + header.position() + " > " + head + ")"
                    : header.position() < changeLog.prunedThrough() ? "the log entries after it were pruned"
                    : head - header.position() > settings.maxReplay() ? "it is " + (head - header.position())
                            + " entries behind, more than rapport.graph.max-replay"
                    : changeLog.reloadAfter(header.position()) ? "a bulk import came after it"
                    : null;
            if (unusable != null) {
                log.info("Graph snapshot {} not used: {}", snapshotFile, unusable);
                return false;
            }
            long start = System.nanoTime();
            GraphSnapshotFile.Snapshot snapshot = GraphSnapshotFile.read(snapshotFile);
            ConnectionGraph loaded = ConnectionGraph.fromSortedLists(snapshot.lists());
            this.graph = loaded;
            this.applied = snapshot.position();
            this.lastSnapshotPosition = snapshot.position();
            this.loadedFrom = "snapshot " + snapshotFile + " (position " + snapshot.position() + ", read in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)";
            return true;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Graph snapshot {} cannot be used, loading from the database: {}", snapshotFile, e.getMessage());
            return false;
        }
    }

    /** Reads the whole graph from the database, as of (at least) the log's head read first. */
    private void loadFromDatabase() {
        long position = changeLog.head();
        this.graph = load();
        this.applied = position;
        ownApplied.headMap(position, true).clear();
        this.loadedFrom = "the database";
    }

    /**
     * Rebuilds the graph from the database. For start-up and after bulk loads (demo network,
     * imports, which also append a RELOAD entry so that the other nodes do the same).
     */
    public void reload() {
        catchUpLock.lock();
        try {
            long start = System.nanoTime();
            loadFromDatabase();
            this.loadTime = Duration.ofNanos(System.nanoTime() - start);
            log.info("Connection graph reloaded: {} members with connections, {} connections in {} ms",
                    graph.memberCount(), graph.edgeCount(), loadTime.toMillis());
        } finally {
            catchUpLock.unlock();
        }
    }

    /**
     * Streams {@code connections} into edge arrays (on PostgreSQL with a cursor, so the rows never
     * sit in the driver's memory at once) and builds the graph.
     */
    private ConnectionGraph load() {
        long count = jdbc.sql("SELECT count(*) FROM connections").query(Long.class).single();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many connections for one index: " + count);
        }
        int capacity = (int) count + 1024;
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        int n = 0;
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            boolean autoCommit = c.getAutoCommit();
            if (!database.isSqlite()) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT member_lo, member_hi FROM connections")) {
                ps.setFetchSize(50_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (n == from.length) {
                            from = Arrays.copyOf(from, n * 2);
                            to = Arrays.copyOf(to, n * 2);
                        }
                        from[n] = vertex(rs.getLong(1));
                        to[n] = vertex(rs.getLong(2));
                        n++;
                    }
                }
            } finally {
                if (!database.isSqlite()) {
                    c.commit();
                    c.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the connections table: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        return ConnectionGraph.fromEdges(from, to, n);
    }

    /** The graph for reading. Never mutate it directly: go through the database and this index. */
    public ConnectionGraph graph() {
        return graph;
    }

    public Duration loadTime() {
        return loadTime;
    }

    /** Where the graph came from at start-up: a snapshot file or the database. */
    public String loadedFrom() {
        return loadedFrom;
    }

    /** The last log position this node has applied (every entry up to it is in the graph). */
    public long appliedPosition() {
        return applied;
    }

    /** This node's name in the change log. */
    public String nodeId() {
        return nodeId;
    }

    Path snapshotFile() {
        return snapshotFile;
    }

    long lastSnapshotPosition() {
        return lastSnapshotPosition;
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

    // ----------------------------------------------------------------------------------------
    // Own writes

    /**
     * Logs that the pair's connection may change in the current transaction and, once it commits,
     * sets the graph's edge between a and b to what the database holds.
     */
    public void reconcileAfterCommit(long a, long b) {
        record(new Change(Kind.PAIR, Math.min(a, b), Math.max(a, b)));
    }

    /** Logs a deleted member and drops their edges once the deleting transaction commits. */
    public void removeMemberAfterCommit(long member) {
        record(new Change(Kind.MEMBER, member, 0));
    }

    /**
     * Logs that anything may have changed (a bulk load in this transaction); once it commits, this
     * node reloads the whole graph and every other node does when it reaches the entry.
     */
    public void reloadAfterCommit() {
        record(new Change(Kind.RELOAD, 0, 0));
    }

    private void record(Change change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            long position = changeLog.append(List.of(change), nodeId, clock.millis());
            applyOwn(List.of(change), position);
            return;
        }
        OwnChanges pending = (OwnChanges) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new OwnChanges();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.changes.add(change);
    }

    /** The changes one transaction makes: logged just before its commit, applied just after. */
    private final class OwnChanges implements TransactionSynchronization {
        final List<Change> changes = new ArrayList<>();
        long first = -1;

        @Override
        public int getOrder() {
            // Last: the log's row lock is then held for as short a time as possible.
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            first = changeLog.append(changes, nodeId, clock.millis());
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(GraphIndex.this);
            if (status == STATUS_COMMITTED && first > 0) {
                applyOwn(changes, first);
            }
        }
    }

    private void applyOwn(List<Change> changes, long first) {
        long position = first;
        for (Change change : changes) {
            ConnectionGraph target = graph;
            if (change.kind() == Kind.RELOAD) {
                reload();
                target = graph;
            } else {
                apply(change.kind(), change.a(), change.b());
            }
            // From now on catch-up need not apply it again (unless it already passed it).
            if (position > applied) {
                ownApplied.put(position, target);
            }
            position++;
        }
    }

    // ----------------------------------------------------------------------------------------
    // Following the log

    /**
     * Applies every log entry after the applied position, in order, up to the head as it is
     * now; returns how many entries were read.
     */
    public int catchUp() {
        catchUpLock.lock();
        try {
            int read = 0;
            while (true) {
                List<Entry> entries = changeLog.after(applied, BATCH);
                if (entries.isEmpty()) {
                    return read;
                }
                if (entries.get(0).position() != applied + 1) {
                    log.warn("Graph change log entries {} to {} are gone (pruned): reloading the graph",
                            applied + 1, entries.get(0).position() - 1);
                    loadFromDatabase();
                    continue;
                }
                for (Entry e : entries) {
                    read++;
                    if (ownApplied.remove(e.position()) == graph) {
                        applied = e.position();
                        continue;
                    }
                    if (e.kind() == Kind.RELOAD) {
                        log.info("Graph change log position {}: a bulk load by node {}, reloading", e.position(),
                                e.nodeId());
                        loadFromDatabase();
                        break;
                    }
                    apply(e.kind(), e.a(), e.b());
                    applied = e.position();
                }
                ownApplied.headMap(applied, true).clear();
            }
        } finally {
            catchUpLock.unlock();
        }
    }

    private void apply(Kind kind, long a, long b) {
        switch (kind) {
            case PAIR -> reconcile(a, b);
            case MEMBER -> reconcileMember(a);
            case RELOAD -> throw new IllegalArgumentException("RELOAD is applied by reloading");
        }
    }

    void reconcile(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        if (!inRange(lo) || !inRange(hi) || lo == hi) {
            return;
        }
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

    /** Sets every edge of the member to what the database holds (each pair by {@link #reconcile}). */
    void reconcileMember(long member) {
        if (!inRange(member)) {
            return;
        }
        Set<Long> differing = new HashSet<>();
        for (int other : graph.connectionsOf(vertex(member))) {
            differing.add((long) other);
        }
        List<Long> stored = jdbc.sql("""
                SELECT member_hi FROM connections WHERE member_lo = :m
                UNION ALL SELECT member_lo FROM connections WHERE member_hi = :m""")
                .param("m", member).query(Long.class).list();
        for (Long other : stored) {
            if (!differing.remove(other)) {
                differing.add(other);
            }
        }
        for (Long other : differing) {
            reconcile(member, other);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Snapshots

    /**
     * Writes the snapshot file if the graph moved since the last one (or {@code always}), notes it
     * in {@code graph_snapshots} and prunes the log; returns the position written, or -1.
     */
    public long writeSnapshot(boolean always) throws IOException {
        if (!settings.snapshots()) {
            return -1;
        }
        long position;
        int[][] lists;
        catchUpLock.lock();
        try {
            // Every entry up to the applied position is in the graph (own entries are marked
            // applied only after their reconciliation), so the frozen picture reflects them all.
            position = applied;
            if (!always && position == lastSnapshotPosition) {
                return -1;
            }
            lists = graph.frozenLists();
        } finally {
            catchUpLock.unlock();
        }
        long start = System.nanoTime();
        long bytes = GraphSnapshotFile.write(snapshotFile, lists, position, logId, clock.millis());
        lastSnapshotPosition = position;
        changeLog.recordSnapshot(nodeId, position, clock.millis());
        long pruned = changeLog.prune(clock.millis() - settings.logRetention().toMillis());
        log.info("Graph snapshot written at position {}: {} bytes in {} ms to {}; log pruned through {}", position,
                bytes, (System.nanoTime() - start) / 1_000_000, snapshotFile, pruned);
        return position;
    }
}
