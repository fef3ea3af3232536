package org.rapport.bench.degree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;
import org.rapport.graph.Distances;

class DegreeBenchmarkTest {

    @Test
    void distance_tinyGraph_returnsHandComputedDegreesInPairOrder() {
        DegreeBenchmark benchmark = new DegreeBenchmark();
        benchmark.workload = TinyGraphs.chain();
        int beyond = Distances.BEYOND;
        for (int expected : new int[] {beyond, 3, 2, 1, beyond, beyond, 0, beyond, beyond}) {
            assertThat(benchmark.distance()).isEqualTo(expected);
        }
    }
}
