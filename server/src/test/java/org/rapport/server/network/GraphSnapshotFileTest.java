package org.rapport.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.graph.ConnectionGraph;

class GraphSnapshotFileTest {

    @TempDir
    Path dir;

    private static ConnectionGraph randomGraph(long seed, int members, int edges) {
        SplittableRandom random = new SplittableRandom(seed);
        ConnectionGraph g = new ConnectionGraph();
        for (int i = 0; i < edges; i++) {
            int a = random.nextInt(members);
            int b = random.nextInt(members);
            if (a != b) {
                g.connect(a, b);
            }
        }
        return g;
    }

    @Test
    void roundTripGivesTheSameGraphPositionAndLogId() throws IOException {
        // More than one 4 MB chunk of ints, so chunk boundaries fall inside lists.
        ConnectionGraph g = randomGraph(9, 50_000, 1_200_000);
        Path file = dir.resolve("graph.snapshot");
        UUID logId = UUID.randomUUID();
        long bytes = GraphSnapshotFile.write(file, g.frozenLists(), 1234, logId, 99);
        assertThat(Files.size(file)).isEqualTo(bytes);

        GraphSnapshotFile.Snapshot s = GraphSnapshotFile.read(file);
        assertThat(s.position()).isEqualTo(1234);
        assertThat(s.logId()).isEqualTo(logId);
        assertThat(s.writtenAt()).isEqualTo(99);
        assertThat(s.edgeCount()).isEqualTo(g.edgeCount());
        ConnectionGraph copy = ConnectionGraph.fromSortedLists(s.lists());
        assertThat(copy.edgeCount()).isEqualTo(g.edgeCount());
        assertThat(copy.memberCount()).isEqualTo(g.memberCount());
        for (int m = 0; m < 50_000; m++) {
            assertThat(copy.connectionsOf(m)).isEqualTo(g.connectionsOf(m));
        }
        assertThat(GraphSnapshotFile.readHeader(file).position()).isEqualTo(1234);
    }

    @Test
    void anEmptyGraphRoundTrips() throws IOException {
        Path file = dir.resolve("empty.snapshot");
        GraphSnapshotFile.write(file, new ConnectionGraph().frozenLists(), 0, UUID.randomUUID(), 0);
        assertThat(ConnectionGraph.fromSortedLists(GraphSnapshotFile.read(file).lists()).edgeCount()).isZero();
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        ConnectionGraph g = randomGraph(3, 300, 2_000);
        Path file = dir.resolve("graph.snapshot");
        GraphSnapshotFile.write(file, g.frozenLists(), 7, UUID.randomUUID(), 1);
        byte[] good = Files.readAllBytes(file);
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = good.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bad);
            assertThatThrownBy(() -> GraphSnapshotFile.read(file)).as("byte %d flipped", at)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        ConnectionGraph g = randomGraph(4, 100, 500);
        Path file = dir.resolve("graph.snapshot");
        GraphSnapshotFile.write(file, g.frozenLists(), 7, UUID.randomUUID(), 1);
        byte[] good = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, GraphSnapshotFile.HEADER_BYTES, good.length - 4, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            assertThatThrownBy(() -> GraphSnapshotFile.read(file)).isInstanceOf(IOException.class);
        }
    }
}
