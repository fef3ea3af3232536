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
 * The SNAP ego-Facebook graph (McAuley and Leskovec, 2012) with its published statistics: 4,039
 * members, 88,234 edges, 1,612,010 triangles, one component, diameter 8. Read in place from
 * {@code shared/data}; skipped with a message when the data are not there.
 */
class SnapFacebookTest {

    private static EdgeList edges;
    private static ConnectionGraph graph;

    @BeforeAll
    static void load() {
        Optional<Path> file = SharedData.locateFile(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE);
        if (file.isPresent()) {
            edges = EdgeList.read(file.get());
            graph = edges.toGraph();
        }
    }

    /** Per test rather than in {@link #load()}, so each skipped test is reported with the reason. */
    @BeforeEach
    void requireData() {
        assumeTrue(graph != null,
                () -> "skipped: " + SharedData.notFoundMessage(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE));
    }

    @Test
    void counts_facebook_matchPublishedFigures() {
        assertThat(edges.count()).isEqualTo(88_234);
        assertThat(graph.memberCount()).isEqualTo(4_039);
        assertThat(graph.edgeCount()).isEqualTo(88_234);
    }

    @Test
    void mutualCount_summedOverEdges_countsEachTriangleThreeTimes() {
        long corners = 0;
        for (int u = 0; u < 4_039; u++) {
            for (int v : graph.connectionsOf(u)) {
                if (u < v) {
                    corners += graph.mutualCount(u, v);
                }
            }
        }
        assertThat(corners % 3).isZero();
        assertThat(corners / 3).isEqualTo(1_612_010L);
    }

    @Test
    void shortestPath_facebook_connectsEveryPairWithinTheDiameter() {
        SplittableRandom random = new SplittableRandom(4_039);
        for (int k = 0; k < 200; k++) {
            int a = random.nextInt(4_039);
            int b = random.nextInt(4_039);
            int[] path = graph.shortestPath(a, b, 8);
            assertThat(path).as("path %d -> %d", a, b).isNotEmpty();
            assertThat(path[0]).isEqualTo(a);
            assertThat(path[path.length - 1]).isEqualTo(b);
            for (int i = 1; i < path.length; i++) {
                assertThat(graph.areConnected(path[i - 1], path[i])).isTrue();
            }
        }
    }

    @Test
    void queries_sampledMembers_matchOracle() {
        NaiveGraph oracle = new NaiveGraph();
        for (int i = 0; i < edges.count(); i++) {
            oracle.connect(edges.from()[i], edges.to()[i]);
        }
        SplittableRandom random = new SplittableRandom(88_234);
        for (int k = 0; k < 40; k++) {
            int a = random.nextInt(4_039);
            Map<Integer, Integer> distances = oracle.distancesFrom(a);
            assertThat(distances).as("one component").hasSize(4_039);
            assertThat(graph.networkSize(a)).as("networkSize(%d)", a).isEqualTo(oracle.networkSize(distances));
            for (int j = 0; j < 50; j++) {
                int b = random.nextInt(4_039);
                int exact = distances.get(b);
                assertThat(graph.distance(a, b)).as("distance(%d, %d)", a, b).isEqualTo(NaiveGraph.capped(exact));
                assertThat(graph.shortestPath(a, b, 8)).as("shortestPath(%d, %d)", a, b).hasSize(exact + 1);
                assertThat(graph.mutualConnections(a, b)).containsExactly(oracle.mutual(a, b));
            }
        }
    }
}
