package org.rapport.bench;

import java.util.SplittableRandom;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.Suggestions;

/**
 * A graph and the member pairs the benchmarks ask about: {@code sources[i]} and
 * {@code targets[i]} are drawn uniformly, from a fixed seed, among the members with at least one
 * connection, so every run (and every peer in the comparison) asks the same questions. Uniform
 * pairs are what a member browsing profiles from search sees: on a large network most are more
 * than three hops apart, which is the expensive case for the degree badge.
 *
 * <p>The shared query definitions live here too, so the JMH benchmarks, the mixed workload and the
 * peer comparison measure exactly the same work.
 *
 * @param graph   the graph
 * @param members members with at least one connection, ascending
 * @param sources first member of each pair
 * @param targets second member of each pair
 */
public record Workload(ConnectionGraph graph, int[] members, int[] sources, int[] targets) {

    /** Seed of the pair draw. */
    public static final long PAIR_SEED = 42L;

    /** Default number of pre-drawn pairs in the JMH benchmarks: a power of two so cursors wrap with a mask. */
    public static final int PAIRS = 1 << 14;

    /** Suggestions asked for: the "People you may know" panel shows 20. */
    public static final int SUGGESTION_LIMIT = 20;

    /**
     * List entries one suggestion scan may read: enough for every member but the top hubs to be
     * scanned completely (the median member of the 1M × 40 network reads a few thousand).
     */
    public static final long SUGGESTION_BUDGET = 100_000;

    /** The longest chain the "how you're connected" panel looks for. */
    public static final int MAX_CHAIN = 6;

    public Workload {
        if (sources.length != targets.length || Integer.bitCount(sources.length) != 1) {
            throw new IllegalArgumentException("need the same power-of-two number of sources and targets, got "
                    + sources.length + " and " + targets.length);
        }
    }

    /** {@code pairs} uniform pairs of connected members of {@code graph}, drawn from {@code seed}. */
    public static Workload draw(ConnectionGraph graph, int pairs, long seed) {
        int[] members = BenchGraphs.membersOf(graph);
        if (members.length == 0) {
            throw new IllegalStateException("the graph has no connected members");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] from = new int[pairs];
        int[] to = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            from[i] = members[random.nextInt(members.length)];
            to[i] = members[random.nextInt(members.length)];
        }
        return new Workload(graph, members, from, to);
    }

    /** The graph called {@code name} (see {@link BenchGraphs}) with {@link #PAIRS} pairs from {@link #PAIR_SEED}. */
    public static Workload load(String name) {
        return draw(BenchGraphs.load(name), PAIRS, PAIR_SEED);
    }

    /** The number of pairs. */
    public int size() {
        return sources.length;
    }

    /** A mask that wraps a cursor onto the pairs. */
    public int mask() {
        return sources.length - 1;
    }

    /**
     * "People you may know" with reasons: the top {@link #SUGGESTION_LIMIT} suggestions within
     * {@link #SUGGESTION_BUDGET}, then the shared connections with each, which the panel names
     * ("Ann and 3 others you know").
     */
    public static PeopleYouMayKnow peopleYouMayKnow(ConnectionGraph graph, int member) {
        return peopleYouMayKnow(graph, member, SUGGESTION_LIMIT);
    }

    /** As {@link #peopleYouMayKnow(ConnectionGraph, int)} with {@code limit} suggestions. */
    public static PeopleYouMayKnow peopleYouMayKnow(ConnectionGraph graph, int member, int limit) {
        Suggestions suggestions = graph.suggest(member, limit, null, SUGGESTION_BUDGET);
        int[][] reasons = new int[suggestions.size()][];
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] = graph.mutualConnections(member, suggestions.members()[i]);
        }
        return new PeopleYouMayKnow(suggestions, reasons);
    }

    /**
     * Suggestions and, for each, the shared connections behind it.
     *
     * @param suggestions best first
     * @param reasons     {@code reasons[i]}: the connections shared with {@code suggestions.members()[i]}, ascending
     */
    public record PeopleYouMayKnow(Suggestions suggestions, int[][] reasons) {
    }
}
