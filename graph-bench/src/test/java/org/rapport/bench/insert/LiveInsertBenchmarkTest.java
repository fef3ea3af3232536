package org.rapport.bench.insert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.bench.Workload;
import org.rapport.bench.generate.CommunityNetwork;
import org.rapport.graph.ConnectionGraph;

class LiveInsertBenchmarkTest {

    @Test
    void insert_addsConnectionsBetweenKnownMembersAndReadSeesThem() {
        ConnectionGraph graph = CommunityNetwork.generate(2_000, 10, 1L).toGraph();
        long before = graph.edgeCount();
        LiveInsertBenchmark benchmark = new LiveInsertBenchmark();
        benchmark.use(Workload.draw(graph, 1 << 10, Workload.PAIR_SEED));
        int added = 0;
        for (int i = 0; i < 1_000; i++) {
            if (benchmark.insert()) {
                added++;
            }
        }
        assertThat(added).isGreaterThan(950);
        assertThat(graph.edgeCount()).isEqualTo(before + added);
        assertThat(graph.memberCount()).isEqualTo(2_000);
        for (int i = 0; i < 100; i++) {
            int answer = benchmark.read();
            int a = benchmark.workload.sources()[i];
            int b = benchmark.workload.targets()[i];
            assertThat(answer).isEqualTo(i % 2 == 0 ? graph.distance(a, b) : graph.mutualCount(a, b));
        }
    }
}
