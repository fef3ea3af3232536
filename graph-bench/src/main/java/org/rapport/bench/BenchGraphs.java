package org.rapport.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rapport.bench.generate.CommunityNetwork;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.support.EdgeList;
import org.rapport.graph.support.SharedData;

/**
 * The graphs benchmarks run on, by name: real ones read in place from {@code shared/data}, and
 * synthetic power-law ones generated from a fixed seed so every run measures the same graph.
 */
public final class BenchGraphs {

    /** SNAP ego-Facebook: 4,039 members, 88,234 edges, dense friend circles (many triangles). */
    public static final String SNAP_FACEBOOK = "snap-facebook";

    /**
     * SNAP soc-Slashdot0902: 82,168 members, 504,230 connections (its directed links read as
     * undirected), with real hubs (a few members with thousands of connections).
     */
    public static final String SNAP_SLASHDOT = "snap-slashdot";

    /** {@link CommunityNetwork}: 1,000,000 members, average degree 40, 20 million connections. */
    public static final String SYNTHETIC_1M = "synthetic-1m";

    /**
     * {@link CommunityNetwork}: 10,000,000 members, average degree 60, 300 million connections.
     * Needs about 5 GB of heap while building (edge arrays and graph), 2.7 GB afterwards.
     */
    public static final String SYNTHETIC_10M = "synthetic-10m";

    /** Barabási–Albert, 100,000 members, 10 edges per arrival: about 1 million edges, average degree 20. */
    public static final String POWER_LAW_100K = "powerlaw-100k";

    /** Seed of every synthetic graph. */
    public static final long SEED = 0x5A9_2025L;

    private BenchGraphs() {
    }

    /**
     * The graph called {@code name}.
     *
     * @throws IllegalStateException if a real data set cannot be found, saying where it was looked for
     * @throws IllegalArgumentException for an unknown name
     */
    public static ConnectionGraph load(String name) {
        if (POWER_LAW_100K.equals(name)) {
            return barabasiAlbert(100_000, 10, SEED);
        }
        return edges(name).toGraph();
    }

    /**
     * The edges of the graph called {@code name} as read or generated, before
     * {@link ConnectionGraph#fromEdges} collapses duplicates (Slashdot lists most connections in
     * both directions). Not for {@link #POWER_LAW_100K}, which is built directly.
     *
     * @throws IllegalStateException if a real data set cannot be found, saying where it was looked for
     * @throws IllegalArgumentException for an unknown name
     */
    public static EdgeList edges(String name) {
        switch (name) {
            case SNAP_FACEBOOK:
                return EdgeList.read(SharedData.requireFile(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE));
            case SNAP_SLASHDOT:
                return EdgeList.read(SharedData.requireFile(SharedData.SNAP_SLASHDOT, SharedData.SNAP_SLASHDOT_FILE));
            case SYNTHETIC_1M:
                return CommunityNetwork.generate(1_000_000, 40, SEED);
            case SYNTHETIC_10M:
                return CommunityNetwork.generate(10_000_000, 60, SEED);
            default:
                throw new IllegalArgumentException("unknown benchmark graph '" + name + "'; known: "
                        + String.join(", ", SNAP_FACEBOOK, SNAP_SLASHDOT, SYNTHETIC_1M, SYNTHETIC_10M, POWER_LAW_100K));
        }
    }

    /** The ids of the members of {@code graph} with at least one connection, ascending. */
    public static int[] membersOf(ConnectionGraph graph) {
        int[] members = new int[Math.max(16, graph.memberCount())];
        int count = 0;
        for (int id = 0; count < graph.memberCount(); id++) {
            if (graph.connectionCount(id) > 0) {
                if (count == members.length) {
                    members = Arrays.copyOf(members, count * 2);
                }
                members[count++] = id;
            }
        }
        return Arrays.copyOf(members, count);
    }

    /**
     * A Barabási–Albert preferential-attachment graph: a clique of {@code edgesPerArrival + 1}
     * members, then each new member connects to {@code edgesPerArrival} distinct earlier members
     * chosen with probability proportional to their degree (a uniform pick from the list of edge
     * endpoints so far). Degrees follow a power law with exponent about 3, the diameter grows like
     * log n / log log n, and there is one component. Deterministic for a given seed.
     */
    public static ConnectionGraph barabasiAlbert(int members, int edgesPerArrival, long seed) {
        if (edgesPerArrival < 1 || members <= edgesPerArrival) {
            throw new IllegalArgumentException(String.format(
                    "need members (%d) > edgesPerArrival (%d) >= 1", members, edgesPerArrival));
        }
        int core = edgesPerArrival + 1;
        long edges = (long) core * (core - 1) / 2 + (long) (members - core) * edgesPerArrival;
        if (2 * edges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many edges for one array: " + edges);
        }
        int[] from = new int[(int) edges];
        int[] to = new int[(int) edges];
        int[] endpoints = new int[(int) (2 * edges)];
        int edgeCount = 0;
        for (int a = 0; a < core; a++) {
            for (int b = a + 1; b < core; b++) {
                from[edgeCount] = a;
                to[edgeCount] = b;
                endpoints[2 * edgeCount] = a;
                endpoints[2 * edgeCount + 1] = b;
                edgeCount++;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[edgesPerArrival];
        for (int arrival = core; arrival < members; arrival++) {
            // Only endpoints of earlier edges: the newcomer cannot pick itself.
            int pool = 2 * edgeCount;
            for (int k = 0; k < edgesPerArrival; k++) {
                int target;
                do {
                    target = endpoints[random.nextInt(pool)];
                } while (contains(chosen, k, target));
                chosen[k] = target;
            }
            for (int k = 0; k < edgesPerArrival; k++) {
                from[edgeCount] = arrival;
                to[edgeCount] = chosen[k];
                endpoints[2 * edgeCount] = arrival;
                endpoints[2 * edgeCount + 1] = chosen[k];
                edgeCount++;
            }
        }
        return ConnectionGraph.fromEdges(from, to, edgeCount);
    }

    private static boolean contains(int[] values, int size, int value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
