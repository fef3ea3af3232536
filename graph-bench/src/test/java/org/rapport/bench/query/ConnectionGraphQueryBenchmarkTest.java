package org.rapport.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.rapport.bench.BenchGraphs;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.Distances;
import org.rapport.graph.NetworkSize;
import org.rapport.graph.support.SharedData;

/** Each benchmark method computes the right answer, checked on a tiny graph worked out by hand. */
class ConnectionGraphQueryBenchmarkTest {

    /**
     * <pre>
     * 0 - 1 - 2 - 3 - 4
     *      \ /
     *       5
     * </pre>
     * Pairs (0, 4), (0, 3), (5, 3), (1, 2).
     */
    private static ConnectionGraphQueryBenchmark onTinyGraph() {
        ConnectionGraph graph = ConnectionGraph.fromEdges(
                new int[] {0, 1, 2, 3, 1, 5},
                new int[] {1, 2, 3, 4, 5, 2}, 6);
        ConnectionGraphQueryBenchmark benchmark = new ConnectionGraphQueryBenchmark();
        benchmark.use(graph, new int[] {0, 0, 5, 1}, new int[] {4, 3, 3, 2});
        return benchmark;
    }

    @Test
    void distance_tinyGraph_returnsHandComputedDegrees() {
        ConnectionGraphQueryBenchmark benchmark = onTinyGraph();
        assertThat(benchmark.distance()).isEqualTo(Distances.BEYOND);
        assertThat(benchmark.distance()).isEqualTo(3);
        assertThat(benchmark.distance()).isEqualTo(2);
        assertThat(benchmark.distance()).isEqualTo(1);
        assertThat(benchmark.distance()).as("wraps around").isEqualTo(Distances.BEYOND);
    }

    @Test
    void mutualCount_tinyGraph_returnsHandComputedCounts() {
        ConnectionGraphQueryBenchmark benchmark = onTinyGraph();
        assertThat(benchmark.mutualCount()).isZero();
        assertThat(benchmark.mutualCount()).isZero();
        assertThat(benchmark.mutualCount()).isEqualTo(1);
        assertThat(benchmark.mutualCount()).isEqualTo(1);
    }

    @Test
    void networkSize_tinyGraph_returnsHandComputedLevels() {
        ConnectionGraphQueryBenchmark benchmark = onTinyGraph();
        assertThat(benchmark.networkSize()).isEqualTo(new NetworkSize(1, 2, 1));
        assertThat(benchmark.networkSize()).isEqualTo(new NetworkSize(1, 2, 1));
        assertThat(benchmark.networkSize()).isEqualTo(new NetworkSize(2, 2, 1));
        assertThat(benchmark.networkSize()).isEqualTo(new NetworkSize(3, 1, 1));
    }

    @Test
    void use_drawnPairs_matchDirectQueries() {
        ConnectionGraph graph = BenchGraphs.barabasiAlbert(2_000, 5, 7L);
        ConnectionGraphQueryBenchmark benchmark = new ConnectionGraphQueryBenchmark();
        benchmark.use(graph);
        ConnectionGraphQueryBenchmark again = new ConnectionGraphQueryBenchmark();
        again.use(graph);
        for (int i = 0; i < 50; i++) {
            int distance = benchmark.distance();
            assertThat(again.distance()).as("same seed, same pairs").isEqualTo(distance);
            assertThat(distance).isIn(1, 2, 3, Distances.BEYOND);
        }
    }

    @Test
    void barabasiAlbert_isConnectedWithTheExpectedEdgeCount() {
        ConnectionGraph graph = BenchGraphs.barabasiAlbert(1_000, 4, 11L);
        assertThat(graph.memberCount()).isEqualTo(1_000);
        assertThat(graph.edgeCount()).isEqualTo(10 + (1_000 - 5) * 4L);
        for (int m = 0; m < 1_000; m++) {
            assertThat(graph.connectionCount(m)).isGreaterThanOrEqualTo(4);
            assertThat(graph.shortestPath(0, m, 20)).isNotEmpty();
        }
        ConnectionGraph same = BenchGraphs.barabasiAlbert(1_000, 4, 11L);
        for (int m = 0; m < 1_000; m++) {
            assertThat(same.connectionsOf(m)).containsExactly(graph.connectionsOf(m));
        }
    }

    @Test
    void load_unknownGraph_namesTheKnownOnes() {
        assertThatThrownBy(() -> BenchGraphs.load("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BenchGraphs.SNAP_FACEBOOK);
    }

    @Test
    void setUp_snapFacebook_loadsThePublishedGraph() {
        assumeTrue(SharedData.locateFile(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE).isPresent(),
                () -> "skipped: " + SharedData.notFoundMessage(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE));
        ConnectionGraph graph = BenchGraphs.load(BenchGraphs.SNAP_FACEBOOK);
        assertThat(graph.edgeCount()).isEqualTo(88_234);
        ConnectionGraphQueryBenchmark benchmark = new ConnectionGraphQueryBenchmark();
        benchmark.graph = BenchGraphs.SNAP_FACEBOOK;
        benchmark.setUp();
        assertThat(benchmark.networkSize().total()).as("one component: everyone within reach is counted").isPositive();
    }
}
