package org.rapport.bench;

import org.rapport.graph.ConnectionGraph;

/** Small graphs with answers worked out by hand, shared by the benchmark sanity tests. */
public final class TinyGraphs {

    private TinyGraphs() {
    }

    /**
     * <pre>
     * 0 - 1 - 2 - 3 - 4 - 6 - 7 - 8
     *      \ /
     *       5
     * </pre>
     * Pairs, in order: (0, 4), (0, 3), (5, 3), (1, 2), (0, 8), (8, 0), (4, 4), (2, 7).
     * Degrees: ∞, 3, 2, 1, ∞, ∞, 0, 4. Mutual counts: 0, 0, 1, 1, 0, 0, 2 (a member shares all its own), 0.
     * Shortest chains (hops): 4, 3, 2, 1, 7 (over six: none), none, 0, 5.
     */
    public static Workload chain() {
        ConnectionGraph graph = ConnectionGraph.fromEdges(
                new int[] {0, 1, 2, 3, 1, 5, 4, 6, 7},
                new int[] {1, 2, 3, 4, 5, 2, 6, 7, 8}, 9);
        return new Workload(graph, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8},
                new int[] {0, 0, 5, 1, 0, 8, 4, 2},
                new int[] {4, 3, 3, 2, 8, 0, 4, 7});
    }
}
