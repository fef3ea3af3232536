package org.rapport.bench;

import java.util.SplittableRandom;
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
        switch (name) {
            case SNAP_FACEBOOK:
                return EdgeList.read(SharedData.requireFile(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE))
                        .toGraph();
            case POWER_LAW_100K:
                return barabasiAlbert(100_000, 10, SEED);
            default:
                throw new IllegalArgumentException("unknown benchmark graph '" + name + "'; known: "
                        + SNAP_FACEBOOK + ", " + POWER_LAW_100K);
        }
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
