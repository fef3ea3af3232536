package org.rapport.bench.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.support.EdgeList;

class IndexBuildBenchmarkTest {

    @Test
    void fromEdges_duplicatesAndBothDirections_collapseToTheUndirectedGraph() {
        IndexBuildBenchmark benchmark = new IndexBuildBenchmark();
        // 0-1 in both directions (as Slashdot lists mutual links), 1-2, 2-0 twice.
        benchmark.edges = new EdgeList(new int[] {0, 1, 1, 2, 0}, new int[] {1, 0, 2, 0, 2}, 5);
        ConnectionGraph graph = benchmark.fromEdges();
        assertThat(graph.edgeCount()).isEqualTo(3);
        assertThat(graph.memberCount()).isEqualTo(3);
        assertThat(graph.connectionsOf(0)).containsExactly(1, 2);
    }
}
