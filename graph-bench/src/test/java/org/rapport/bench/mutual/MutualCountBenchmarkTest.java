package org.rapport.bench.mutual;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;

class MutualCountBenchmarkTest {

    @Test
    void mutualCount_tinyGraph_returnsHandComputedCountsInPairOrder() {
        MutualCountBenchmark benchmark = new MutualCountBenchmark();
        benchmark.workload = TinyGraphs.chain();
        for (int expected : new int[] {0, 0, 1, 1, 0, 0, 2, 0, 0}) {
            assertThat(benchmark.mutualCount()).isEqualTo(expected);
        }
    }
}
