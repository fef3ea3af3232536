package org.rapport.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rapport.graph.ConnectionGraph;
import org.rapport.server.network.Degree;

/** {@link Proximity} gives every member the degree the graph's own distance gives, on seeded random graphs. */
class ProximityTest {

    @Test
    void degreesEqualTheGraphsDistanceOnSeededRandomGraphs() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int n = 20 + random.nextInt(300);
            int edges = n * (1 + random.nextInt(4));
            ConnectionGraph graph = new ConnectionGraph();
            for (int i = 0; i < edges; i++) {
                int a = 1 + random.nextInt(n);
                int b = 1 + random.nextInt(n);
                if (a != b) {
                    graph.connect(a, b);
                }
            }
            for (int k = 0; k < 5; k++) {
                int me = 1 + random.nextInt(n);
                Proximity proximity = new Proximity(graph, me);
                int second = 0;
                for (int v = 1; v <= n + 1; v++) {
                    Degree expected = v == me ? Degree.SELF : Degree.ofDistance(graph.distance(me, v));
                    assertThat(proximity.degree(v)).as("seed %d, viewer %d, member %d", seed, me, v).isEqualTo(expected);
                    if (expected == Degree.SECOND) {
                        second++;
                    }
                }
                assertThat(proximity.secondCount()).as("seed %d, viewer %d", seed, me).isEqualTo(second);
                assertThat(proximity.second()).hasSize(second);
            }
        }
    }
}
