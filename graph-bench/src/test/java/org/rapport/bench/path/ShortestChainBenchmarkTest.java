package org.rapport.bench.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.TinyGraphs;

class ShortestChainBenchmarkTest {

    @Test
    void shortestChain_tinyGraph_returnsChainsOfHandComputedLengthsUpToSixHops() {
        ShortestChainBenchmark benchmark = new ShortestChainBenchmark();
        benchmark.workload = TinyGraphs.chain();
        assertThat(benchmark.shortestChain()).containsExactly(0, 1, 2, 3, 4);
        assertThat(benchmark.shortestChain()).containsExactly(0, 1, 2, 3);
        assertThat(benchmark.shortestChain()).containsExactly(5, 2, 3);
        assertThat(benchmark.shortestChain()).containsExactly(1, 2);
        assertThat(benchmark.shortestChain()).as("0 to 8 is 7 hops").isEmpty();
        assertThat(benchmark.shortestChain()).isEmpty();
        assertThat(benchmark.shortestChain()).containsExactly(4);
        assertThat(benchmark.shortestChain()).containsExactly(2, 3, 4, 6, 7);
    }
}
