package org.rapport.bench.seconddegree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;

class SecondDegreeBenchmarkTest {

    @Test
    void secondDegreeCount_tinyGraph_countsMembersExactlyTwoHopsFromEachSource() {
        SecondDegreeBenchmark benchmark = new SecondDegreeBenchmark();
        benchmark.workload = TinyGraphs.chain();
        // Sources 0, 0, 5, 1, 0, 8, 4, 2: {2, 5}, {2, 5}, {0, 3}, {3}, {2, 5}, {6}, {2, 7}, {0, 4}.
        for (int expected : new int[] {2, 2, 2, 1, 2, 1, 2, 2}) {
            assertThat(benchmark.secondDegreeCount()).isEqualTo(expected);
        }
    }
}
