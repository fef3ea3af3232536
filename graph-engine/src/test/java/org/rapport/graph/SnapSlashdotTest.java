package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.graph.support.EdgeList;
import org.rapport.graph.support.SharedData;

/**
 * The SNAP Slashdot graph (Leskovec et al., 2009), its 948,464 directed links read as undirected
 * connections: 82,168 members, 504,230 connections, 602,592 triangles. A graph with real hubs
 * (a few members with thousands of connections), so it exercises the skewed paths of the kernels.
 * Skipped with a message when the data are not there.
 */
class SnapSlashdotTest {

    private static final int MEMBERS = 82_168;

    private static EdgeList edges;
    private static ConnectionGraph graph;

    @BeforeAll
    static void load() {
        Optional<Path> file = SharedData.locateFile(SharedData.SNAP_SLASHDOT, SharedData.SNAP_SLASHDOT_FILE);
        if (file.isPresent()) {
            edges = EdgeList.read(file.get());
            graph = edges.toGraph();
        }
    }

    @BeforeEach
    void requireData() {
        assumeTrue(graph != null,
                () -> "skipped: " + SharedData.notFoundMessage(SharedData.SNAP_SLASHDOT, SharedData.SNAP_SLASHDOT_FILE));
    }

    @Test
    void counts_slashdot_matchPublishedFigures() {
        assertThat(edges.count()).isEqualTo(948_464);
        assertThat(graph.memberCount()).isEqualTo(MEMBERS);
        assertThat(graph.edgeCount()).isEqualTo(504_230);
    }

    @Test
    void mutualCount_summedOverEdges_countsEachTriangleThreeTimes() {
        long corners = 0;
        for (int u = 0; u < MEMBERS; u++) {
            for (int v : graph.connectionsOf(u)) {
                if (u < v) {
                    corners += graph.mutualCount(u, v);
                }
            }
        }
        assertThat(corners % 3).isZero();
        assertThat(corners / 3).isEqualTo(602_592L);
    }

    @Test
    void queries_sampledMembersIncludingHubs_matchOracle() {
        NaiveGraph oracle = new NaiveGraph();
        for (int i = 0; i < edges.count(); i++) {
            if (edges.from()[i] != edges.to()[i]) {
                oracle.connect(edges.from()[i], edges.to()[i]);
            }
        }
        int hub = 0;
        for (int m = 0; m < MEMBERS; m++) {
            if (graph.connectionCount(m) > graph.connectionCount(hub)) {
                hub = m;
            }
        }
        assertThat(graph.connectionCount(hub)).as("the biggest hub").isGreaterThan(2_000);
        SplittableRandom random = new SplittableRandom(504_230);
        for (int k = 0; k < 12; k++) {
            int a = k == 0 ? hub : random.nextInt(MEMBERS);
            Map<Integer, Integer> distances = oracle.distancesFrom(a);
            assertThat(graph.networkSize(a)).as("networkSize(%d)", a).isEqualTo(oracle.networkSize(distances));
            assertThat(graph.secondDegreeCount(a)).isEqualTo(oracle.networkSize(distances).second());
            for (int j = 0; j < 40; j++) {
                int b = j == 0 ? hub : random.nextInt(MEMBERS);
                int exact = distances.getOrDefault(b, -1);
                assertThat(graph.distance(a, b)).as("distance(%d, %d)", a, b).isEqualTo(NaiveGraph.capped(exact));
                assertThat(graph.mutualConnections(a, b)).as("mutual(%d, %d)", a, b).containsExactly(oracle.mutual(a, b));
                int[] path = graph.shortestPath(a, b, 6);
                assertThat(path).as("shortestPath(%d, %d)", a, b).hasSize(exact >= 0 && exact <= 6 ? exact + 1 : 0);
            }
        }
    }
}
