package org.rapport.bench.mixed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;
import org.rapport.bench.Workload;
import org.rapport.bench.generate.CommunityNetwork;
import org.rapport.graph.ConnectionGraph;

class MixedQueryBenchmarkTest {

    @Test
    void run_eachOperation_answersAsTheEngineQuery() {
        Workload workload = TinyGraphs.chain();
        assertThat(MixedQueryBenchmark.run(workload, MixedQueryBenchmark.DEGREE, 1)).isEqualTo(3);
        assertThat(MixedQueryBenchmark.run(workload, MixedQueryBenchmark.MUTUAL, 2)).isEqualTo(1);
        assertThat(MixedQueryBenchmark.run(workload, MixedQueryBenchmark.SUGGEST, 0)).isEqualTo(2);
        assertThat(MixedQueryBenchmark.run(workload, MixedQueryBenchmark.PATH, 0)).isEqualTo(5);
    }

    @Test
    void cursor_followsTheAdvertisedMixAndDiffersPerThread() {
        ConnectionGraph graph = CommunityNetwork.generate(2_000, 10, 1L).toGraph();
        Workload workload = Workload.draw(graph, 1 << 14, Workload.PAIR_SEED);
        MixedQueryBenchmark.Cursor first = new MixedQueryBenchmark.Cursor();
        first.start(workload, 0);
        MixedQueryBenchmark.Cursor second = new MixedQueryBenchmark.Cursor();
        second.start(workload, 1);
        int[] counts = new int[4];
        for (byte operation : first.operations) {
            counts[operation]++;
        }
        int n = first.operations.length;
        assertThat(100.0 * counts[0] / n).isCloseTo(MixedQueryBenchmark.DEGREE_SHARE, org.assertj.core.data.Offset.offset(2.0));
        assertThat(100.0 * counts[1] / n).isCloseTo(MixedQueryBenchmark.MUTUAL_SHARE, org.assertj.core.data.Offset.offset(2.0));
        assertThat(100.0 * counts[2] / n).isCloseTo(MixedQueryBenchmark.SUGGEST_SHARE, org.assertj.core.data.Offset.offset(2.0));
        assertThat(100.0 * counts[3] / n).isCloseTo(MixedQueryBenchmark.PATH_SHARE, org.assertj.core.data.Offset.offset(2.0));
        assertThat(second.pairs).isNotEqualTo(first.pairs);

        MixedQueryBenchmark benchmark = new MixedQueryBenchmark();
        benchmark.workload = workload;
        for (int i = 0; i < 200; i++) {
            int pair = first.pairs[i];
            long expected = MixedQueryBenchmark.run(workload, first.operations[i], pair);
            assertThat(benchmark.mixedQuery(first)).isEqualTo(expected);
        }
    }

    @Test
    void cursor_otherMix_onlyTheAskedQueries() {
        Workload workload = Workload.draw(CommunityNetwork.generate(2_000, 10, 1L).toGraph(), 1 << 10, Workload.PAIR_SEED);
        MixedQueryBenchmark.Cursor cursor = new MixedQueryBenchmark.Cursor();
        cursor.start(workload, 0, "70/30/0/0");
        for (byte operation : cursor.operations) {
            assertThat(operation).isIn(MixedQueryBenchmark.DEGREE, MixedQueryBenchmark.MUTUAL);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cursor.start(workload, 0, "50/30/0/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 100");
    }
}
