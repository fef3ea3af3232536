package org.rapport.bench.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;
import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;

class SuggestBenchmarkTest {

    @Test
    void peopleYouMayKnow_tinyGraph_ranksFriendsOfFriendsWithTheirSharedConnections() {
        SuggestBenchmark benchmark = new SuggestBenchmark();
        benchmark.workload = TinyGraphs.chain();
        // Source 0: friends of 1 (degree 3) are 2 and 5, each shared through 1; equal scores, lower id first.
        Workload.PeopleYouMayKnow first = benchmark.peopleYouMayKnow();
        assertThat(first.suggestions().members()).containsExactly(2, 5);
        assertThat(first.suggestions().mutualCounts()).containsExactly(1, 1);
        assertThat(first.reasons()).isDeepEqualTo(new int[][] {{1}, {1}});
        assertThat(first.suggestions().complete()).isTrue();
    }

    @Test
    void peopleYouMayKnow_starOfCliques_prefersTheMemberSharingMoreConnections() {
        // 0 knows 1, 2, 3; 9 knows 1, 2, 3 (three mutual); 8 knows 1 only.
        ConnectionGraph graph = ConnectionGraph.fromEdges(
                new int[] {0, 0, 0, 9, 9, 9, 8},
                new int[] {1, 2, 3, 1, 2, 3, 1}, 7);
        Workload.PeopleYouMayKnow pymk = Workload.peopleYouMayKnow(graph, 0);
        assertThat(pymk.suggestions().members()).containsExactly(9, 8);
        assertThat(pymk.suggestions().mutualCounts()).containsExactly(3, 1);
        assertThat(pymk.reasons()[0]).containsExactly(1, 2, 3);
        assertThat(pymk.reasons()[1]).containsExactly(1);
    }
}
