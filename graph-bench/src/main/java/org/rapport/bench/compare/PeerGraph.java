package org.rapport.bench.compare;

import java.util.Arrays;
import org.rapport.bench.BenchGraphs;
import org.rapport.graph.ConnectionGraph;

/**
 * The graph every implementation loads: the distinct undirected connections of a built graph,
 * each once as {@code lo < hi}, ordered by {@code lo} then {@code hi} (the order of the
 * connections table's primary key), and the members with at least one connection.
 *
 * @param lo      smaller member id of each connection
 * @param hi      larger member id of each connection
 * @param count   number of connections
 * @param members members with at least one connection, ascending
 */
public record PeerGraph(int[] lo, int[] hi, int count, int[] members) {

    /** The connections of {@code graph}. */
    public static PeerGraph of(ConnectionGraph graph) {
        long edges = graph.edgeCount();
        int[] lo = new int[Math.toIntExact(edges)];
        int[] hi = new int[lo.length];
        int[] members = BenchGraphs.membersOf(graph);
        int n = 0;
        for (int u : members) {
            int[] list = graph.connectionsOf(u);
            int from = -Arrays.binarySearch(list, u) - 1;
            for (int k = from; k < list.length; k++) {
                lo[n] = u;
                hi[n++] = list[k];
            }
        }
        if (n != lo.length) {
            throw new IllegalStateException("graph changed while copied: " + n + " of " + edges);
        }
        return new PeerGraph(lo, hi, n, members);
    }

    /** The largest member id, or -1 for an empty graph. */
    public int maxId() {
        return members.length == 0 ? -1 : members[members.length - 1];
    }
}
