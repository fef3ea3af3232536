package org.rapport.server.search;

import java.util.Arrays;
import java.util.BitSet;

import org.rapport.graph.ConnectionGraph;
import org.rapport.server.network.Degree;

/**
 * A viewer's 1st and 2nd degree, computed once per search, so that each match's degree is a
 * lookup instead of a graph traversal: 1st by binary search in the viewer's sorted connections,
 * 2nd by a bit, 3rd when one of the match's own connections is 2nd (its degree many lookups),
 * else out of network. Equal to {@code Degree.ofDistance(graph.distance(viewer, v))} for every
 * {@code v} other than the viewer (tested against it).
 *
 * <p>Cost: one pass over the viewer's connections' lists (the size of the 2nd level, with
 * repeats); memory: one bit per member id up to the highest 2nd-degree id.
 */
final class Proximity {

    private final ConnectionGraph graph;
    private final int me;
    private final int[] first;
    private final BitSet second = new BitSet();
    private final int secondCount;

    Proximity(ConnectionGraph graph, int me) {
        this.graph = graph;
        this.me = me;
        this.first = graph.connectionsOf(me);
        int n = 0;
        for (int c : first) {
            for (int cc : graph.connectionsOf(c)) {
                if (cc != me && !second.get(cc) && Arrays.binarySearch(first, cc) < 0) {
                    second.set(cc);
                    n++;
                }
            }
        }
        this.secondCount = n;
    }

    Degree degree(int v) {
        if (v == me) {
            return Degree.SELF;
        }
        if (Arrays.binarySearch(first, v) >= 0) {
            return Degree.FIRST;
        }
        if (second.get(v)) {
            return Degree.SECOND;
        }
        for (int c : graph.connectionsOf(v)) {
            if (second.get(c)) {
                return Degree.THIRD;
            }
        }
        return Degree.OUT_OF_NETWORK;
    }

    int[] first() {
        return first;
    }

    int secondCount() {
        return secondCount;
    }

    /** The 2nd-degree vertices, ascending. */
    int[] second() {
        return second.stream().toArray();
    }
}
