package org.rapport.bench.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rapport.graph.support.EdgeList;

/**
 * A synthetic professional network with community structure and a power-law degree tail, from a
 * fixed seed: the graph the 1M × 40 and 10M × 60 benchmarks run on.
 *
 * <h2>Model</h2>
 * <ol>
 *   <li><b>Communities</b> (a company, a school, a city's industry): members are cut into
 *       consecutive blocks whose sizes follow a power law with exponent {@value #SIZE_EXPONENT}
 *       between {@code 2 × averageDegree} and {@value #MAX_COMMUNITY} members.</li>
 *   <li><b>Inside each community</b>, preferential attachment (Barabási–Albert): members arrive
 *       in order and each connects to about {@code (1 − μ) · averageDegree / 2} distinct earlier
 *       members of its community, picked with probability proportional to their degree so far (a
 *       uniform pick among the endpoints of the community's edges so far). The first arrivals of
 *       each community form a small clique. This gives a heavy tail capped by the community size
 *       (degree about m · √size) and, because communities are small next to the network, far more
 *       triangles than a random graph of the same density.</li>
 *   <li><b>Across communities</b>, the remaining {@code μ} share of the edges ({@value #MIXING}
 *       by default, topped up so the total is exactly {@code members × averageDegree / 2}) join two
 *       members of different communities, each picked proportionally to its internal degree
 *       (a uniform endpoint of a uniform internal edge), so hubs also get more outside links.
 *       These make the graph one small world, as real networks are.</li>
 *   <li><b>Ids</b> are finally shuffled with a seeded permutation, so that a community is not a
 *       run of consecutive ids: members join over time, and consecutive ids would hand the
 *       engine's arrays a memory locality real data does not have.</li>
 * </ol>
 * Repeated cross edges collapse when the graph is built (about one in a million at 1M × 40), so
 * the built graph has slightly fewer connections than generated; self-loops are never generated.
 *
 * <h2>Memory and time</h2>
 * The output is two {@code int} arrays of {@code members × averageDegree / 2} entries (8 bytes
 * per connection: 2.4 GB at 10M × 60), plus an {@code int} per member for the permutation and
 * an {@code int} per community. No other per-edge memory: the endpoint pools of preferential
 * attachment are the edge arrays themselves. Deterministic for a given (members, degree, seed)
 * on any JVM ({@link SplittableRandom} is specified bit for bit). About 20 s per 100M edges on one
 * core of the benchmark machine (59 s for 10M × 60 when the machine was quiet).
 */
public final class CommunityNetwork {

    /** Exponent of the community-size power law. */
    static final double SIZE_EXPONENT = 2.0;

    /** The largest community. */
    static final int MAX_COMMUNITY = 50_000;

    /** Default share of the edges that cross communities. */
    public static final double MIXING = 0.2;

    private CommunityNetwork() {
    }

    /**
     * Generates {@code members × averageDegree / 2} edges (rounded down) over members
     * {@code 0 .. members − 1}, each member with at least one connection, with the default mixing.
     *
     * @throws IllegalArgumentException if the sizes are out of range (fewer than
     *     {@code 4 × averageDegree} members, an average degree below 2, or more edges than an array
     *     holds)
     */
    public static EdgeList generate(int members, int averageDegree, long seed) {
        return generate(members, averageDegree, MIXING, seed);
    }

    /** As {@link #generate(int, int, long)} with {@code mixing} of the edges across communities. */
    public static EdgeList generate(int members, int averageDegree, double mixing, long seed) {
        if (averageDegree < 2 || members < 4 * averageDegree) {
            throw new IllegalArgumentException(String.format(
                    "need averageDegree >= 2 and members >= 4 * averageDegree, got %d members, degree %d",
                    members, averageDegree));
        }
        if (!(mixing >= 0 && mixing < 1)) {
            throw new IllegalArgumentException("mixing must be in [0, 1), was " + mixing);
        }
        long edges = (long) members * averageDegree / 2;
        if (edges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many edges for one array: " + edges);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] starts = communityStarts(members, averageDegree, random);
        int[] from = new int[(int) edges];
        int[] to = new int[(int) edges];

        // Inside each community: preferential attachment with m(1 - mixing) * degree / 2 per arrival.
        double perArrival = (1 - mixing) * averageDegree / 2.0;
        int whole = (int) perArrival;
        double fraction = perArrival - whole;
        int count = 0;
        int[] picked = new int[whole + 1];
        for (int c = 0; c + 1 < starts.length; c++) {
            int first = starts[c];
            int end = starts[c + 1];
            int communityEdges = count;
            for (int arrival = first; arrival < end; arrival++) {
                int earlier = arrival - first;
                int want = whole + (random.nextDouble() < fraction ? 1 : 0);
                if (count + want > edges) {
                    want = (int) (edges - count);
                }
                if (earlier <= want) {
                    // The founding clique: connect to everyone already there.
                    for (int other = first; other < arrival; other++) {
                        from[count] = arrival;
                        to[count++] = other;
                    }
                    continue;
                }
                int pool = count - communityEdges;
                for (int k = 0; k < want; k++) {
                    int target;
                    do {
                        int e = communityEdges + random.nextInt(pool);
                        target = random.nextBoolean() ? from[e] : to[e];
                    } while (contains(picked, k, target));
                    picked[k] = target;
                }
                for (int k = 0; k < want; k++) {
                    from[count] = arrival;
                    to[count++] = picked[k];
                }
            }
        }

        // Across communities: both ends degree-proportional, in different communities.
        int internal = count;
        while (count < edges) {
            int u = endpoint(from, to, internal, random);
            int v = endpoint(from, to, internal, random);
            if (communityOf(starts, u) != communityOf(starts, v)) {
                from[count] = u;
                to[count++] = v;
            }
        }

        int[] permutation = permutation(members, random);
        for (int i = 0; i < count; i++) {
            from[i] = permutation[from[i]];
            to[i] = permutation[to[i]];
        }
        return new EdgeList(from, to, count);
    }

    /**
     * Start ids of consecutive communities, ending with {@code members}: power-law sizes between
     * {@code 2 × averageDegree} and {@link #MAX_COMMUNITY} (or the whole network if smaller);
     * a last piece too small to stand alone is merged into the one before it.
     */
    static int[] communityStarts(int members, int averageDegree, SplittableRandom random) {
        int min = 2 * averageDegree;
        int max = Math.max(min, Math.min(MAX_COMMUNITY, members / 4));
        int[] starts = new int[16];
        int n = 0;
        int next = 0;
        while (next < members) {
            int size = powerLaw(min, max, random);
            if (members - next - size < min) {
                size = members - next;
            }
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[n++] = next;
            next += size;
        }
        starts[n++] = members;
        return Arrays.copyOf(starts, n);
    }

    /** An integer in [min, max] with density proportional to x^-{@value #SIZE_EXPONENT} (inverse transform). */
    private static int powerLaw(int min, int max, SplittableRandom random) {
        double a = 1 - SIZE_EXPONENT;
        double lo = Math.pow(min, a);
        double hi = Math.pow(max + 1, a);
        double x = Math.pow(lo + (hi - lo) * random.nextDouble(), 1 / a);
        return (int) Math.min(max, Math.max(min, x));
    }

    private static int endpoint(int[] from, int[] to, int internal, SplittableRandom random) {
        int e = random.nextInt(internal);
        return random.nextBoolean() ? from[e] : to[e];
    }

    /** The index of the community holding {@code member}: the last start not above it. */
    static int communityOf(int[] starts, int member) {
        int position = Arrays.binarySearch(starts, member);
        return position >= 0 ? position : -position - 2;
    }

    /** A seeded uniform permutation of {@code 0 .. n − 1} (Fisher–Yates). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
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
