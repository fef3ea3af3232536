package org.rapport.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.rapport.graph.ConnectionGraph;
import org.rapport.server.account.AccountService;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.member.Member;
import org.rapport.server.network.GraphChangeLog.Entry;
import org.rapport.server.network.GraphChangeLog.Kind;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.Database;
import org.rapport.server.system.RapportProperties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The graph change log, snapshots and following (issue 9) on both databases. "Another node" is a
 * second {@link GraphIndex} built over the same database, as a second process would build it;
 * the application context's index is this node.
 */
abstract class GraphReplicationContract extends IntegrationContract {

    @Autowired
    GraphChangeLog changeLog;
    @Autowired
    ConnectionService connections;
    @Autowired
    BlockService blocks;
    @Autowired
    AccountService accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    Database database;
    @Autowired
    RapportProperties properties;

    private GraphIndex otherNode(Path snapshot) {
        GraphReplicationProperties settings = new GraphReplicationProperties("other-" + snapshot.getParent().getFileName(),
                snapshot.toString(), Duration.ofMinutes(30), true, Duration.ofMillis(500), Duration.ofHours(24),
                1_000_000);
        return new GraphIndex(jdbc, dataSource, database, changeLog, settings, properties, clock,
                new SimpleMeterRegistry());
    }

    private static Path snapshotPath() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "graph-snapshots"));
        return Files.createTempDirectory(dir, "node-").resolve("graph.snapshot").toAbsolutePath();
    }

    @Test
    void everyConnectionChangeIsLoggedWithConsecutivePositions() {
        Member a = members.create("Ada");
        Member b = members.create("Bob");
        Member c = members.create("Cy");
        long before = changeLog.head();
        connect(a, b);
        connect(a, c);
        connections.remove(b.id(), a.id());
        blocks.block(c.id(), a.id());

        List<Entry> entries = changeLog.after(before, 100);
        assertThat(entries).extracting(Entry::position)
                .containsExactly(before + 1, before + 2, before + 3, before + 4);
        assertThat(entries).allSatisfy(e -> assertThat(e.kind()).isEqualTo(Kind.PAIR));
        assertThat(entries.get(0).a()).isEqualTo(Math.min(a.id(), b.id()));
        assertThat(entries.get(0).b()).isEqualTo(Math.max(a.id(), b.id()));
        assertThat(entries.get(2).a()).isEqualTo(Math.min(a.id(), b.id()));
        assertThat(entries.get(3).b()).isEqualTo(Math.max(a.id(), c.id()));
        assertThat(entries).extracting(Entry::nodeId).containsOnly(index.nodeId());
        assertThat(changeLog.head()).isEqualTo(before + 4);

        // Its own entries are already applied: catching up reads them and changes nothing.
        index.catchUp();
        assertThat(index.appliedPosition()).isEqualTo(changeLog.head());
        assertGraphEqualsDatabase();
    }

    @Test
    void anotherNodeFollowsThisNodesWritesThroughTheLog() throws IOException {
        Member a = members.create("Ana");
        Member b = members.create("Ben");
        Member c = members.create("Cai");
        Member d = members.create("Dee");
        connect(a, b);
        GraphIndex other = otherNode(snapshotPath());
        assertSameAsDatabase(other.graph());

        connect(a, c);
        connect(b, c);
        connect(c, d);
        connections.remove(a.id(), b.id());
        accounts.delete(d.id());
        assertThat(other.graph().areConnected((int) a.id(), (int) c.id())).as("not yet followed").isFalse();

        int read = other.catchUp();
        assertThat(read).isGreaterThanOrEqualTo(5);
        assertThat(other.appliedPosition()).isEqualTo(changeLog.head());
        assertSameAsDatabase(other.graph());
        assertThat(other.graph().mutualCount((int) a.id(), (int) b.id())).isEqualTo(1);
        assertThat(other.graph().connectionCount((int) d.id())).isZero();
    }

    @Test
    void aBulkLoadIsOneReloadEntryThatMakesFollowersLoadEverything() throws Exception {
        Member a = members.create("Bulk");
        Member b = members.create("Load");
        GraphIndex other = otherNode(snapshotPath());
        long before = changeLog.head();
        // What the bulk importer does: rows written behind the services' backs, one RELOAD entry.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("INSERT INTO connections (member_lo, member_hi, created_at, origin) "
                    + "VALUES (?, ?, 0, 'IMPORT')")) {
                ps.setLong(1, Math.min(a.id(), b.id()));
                ps.setLong(2, Math.max(a.id(), b.id()));
                ps.executeUpdate();
            }
            GraphChangeLog.appendReload(c, !database.isSqlite(), "importer", 0);
            c.commit();
        }
        assertThat(changeLog.after(before, 10)).extracting(Entry::kind).containsExactly(Kind.RELOAD);
        other.catchUp();
        index.catchUp();
        assertThat(other.graph().areConnected((int) a.id(), (int) b.id())).isTrue();
        assertSameAsDatabase(other.graph());
        assertGraphEqualsDatabase();
    }

    @Test
    void aNodeStartsFromItsSnapshotAndReplaysTheLogPastIt() throws IOException {
        Member a = members.create("Snap");
        Member b = members.create("Shot");
        Member c = members.create("Third");
        Member d = members.create("Fourth");
        connect(a, b);
        connect(b, c);
        Path file = snapshotPath();
        GraphIndex first = otherNode(file);
        long position = first.writeSnapshot(true);
        assertThat(position).isEqualTo(changeLog.head());

        // The snapshot against the database: same count, same edge set.
        GraphSnapshotFile.Snapshot snapshot = GraphSnapshotFile.read(file);
        ConnectionGraph fromFile = ConnectionGraph.fromSortedLists(snapshot.lists());
        assertThat(snapshot.position()).isEqualTo(position);
        assertThat(snapshot.edgeCount()).isEqualTo(databaseEdges().size());
        assertSameAsDatabase(fromFile);

        connect(a, c);
        connect(c, d);
        connections.remove(a.id(), b.id());
        blocks.block(d.id(), b.id());

        GraphIndex restarted = otherNode(file);
        assertThat(restarted.loadedFrom()).startsWith("snapshot");
        assertThat(restarted.appliedPosition()).isEqualTo(changeLog.head());
        assertSameAsDatabase(restarted.graph());
    }

    @Test
    void aDamagedSnapshotIsRefusedAndTheGraphLoadsFromTheDatabase() throws IOException {
        Member a = members.create("Damaged");
        Member b = members.create("File");
        connect(a, b);
        Path file = snapshotPath();
        otherNode(file).writeSnapshot(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long at = raf.length() - 3;
            raf.seek(at);
            int x = raf.read();
            raf.seek(at);
            raf.write(x ^ 0x40);
        }
        GraphIndex restarted = otherNode(file);
        assertThat(restarted.loadedFrom()).isEqualTo("the database");
        assertSameAsDatabase(restarted.graph());

        Files.write(file, new byte[] {1, 2, 3});
        assertThat(otherNode(file).loadedFrom()).isEqualTo("the database");
    }

    @Test
    void pruningKeepsWhatRecentSnapshotsNeedAndAnOlderSnapshotIsNotUsed() throws IOException {
        Member a = members.create("Prune");
        Member b = members.create("Keep");
        Member c = members.create("Old");
        long t0 = clock.millis();
        Path oldFile = snapshotPath();
        GraphIndex old = otherNode(oldFile);
        connect(a, b);
        clock.advance(Duration.ofHours(2));
        // "old" has not caught up: its snapshot, written now, is at the position it started from.
        long oldPosition = old.writeSnapshot(true);
        Path newFile = snapshotPath();
        long recentPosition = otherNode(newFile).writeSnapshot(true);
        assertThat(oldPosition).isLessThan(recentPosition);
        connect(b, c);

        // Entries written at t0 are older than the cutoff, but the old snapshot (written within
        // the window) still needs those after its position.
        long cutoff = t0 + 3_600_000;
        assertThat(changeLog.prune(cutoff)).isLessThanOrEqualTo(oldPosition);
        assertThat(changeLog.after(oldPosition, 1).get(0).position()).isEqualTo(oldPosition + 1);

        // Once that snapshot is out of the window, entries up to the recent one's position go,
        // and the entries after it (written later) stay.
        jdbc.sql("UPDATE graph_snapshots SET written_at = 0 WHERE node_id = :n").param("n", old.nodeId()).update();
        assertThat(changeLog.prune(cutoff)).isEqualTo(recentPosition);
        assertThat(changeLog.after(0, 1).get(0).position()).isEqualTo(recentPosition + 1);

        assertThat(otherNode(oldFile).loadedFrom()).as("needs pruned entries").isEqualTo("the database");
        GraphIndex fromRecent = otherNode(newFile);
        assertThat(fromRecent.loadedFrom()).startsWith("snapshot");
        assertSameAsDatabase(fromRecent.graph());
        index.catchUp();
    }

    private Set<Long> databaseEdges() {
        Set<Long> db = new HashSet<>();
        jdbc.sql("SELECT member_lo, member_hi FROM connections").query(rs -> {
            db.add(rs.getLong(1) << 32 | rs.getLong(2));
        });
        return db;
    }

    private void assertSameAsDatabase(ConnectionGraph g) {
        Set<Long> db = databaseEdges();
        assertThat(g.edgeCount()).as("edges").isEqualTo(db.size());
        for (long key : db) {
            assertThat(g.areConnected((int) (key >>> 32), (int) key)).as("has %d-%d", key >>> 32, (int) key).isTrue();
        }
    }
}
