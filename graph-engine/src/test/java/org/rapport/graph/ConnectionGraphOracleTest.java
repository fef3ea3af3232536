package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionGraph} against {@link NaiveGraph} on seeded random graphs and random sequences
 * of writes. Every seed is fixed, and a failure names the seed and dumps the graph as an edge
 * list, so it can be replayed or turned into a named test.
 */
class ConnectionGraphOracleTest {

    private static final long BASE_SEED = 20_251_125L;
    private static final int GRAPHS = 200;
    private static final int SEQUENCES = 60;

    @Test
    void queries_randomGraphs_matchOracle() {
        for (int iteration = 0; iteration < GRAPHS; iteration++) {
            long seed = BASE_SEED + iteration;
            SplittableRandom random = new SplittableRandom(seed);
            int members = 2 + random.nextInt(199);
            double averageDegree = densities()[iteration % densities().length];
            NaiveGraph oracle = new NaiveGraph();
            int edges = (int) Math.min((long) members * (members - 1) / 2, Math.round(members * averageDegree / 2));
            // Ids are spread out with holes, like members left behind by deletions.
            int spread = 1 + random.nextInt(3);
            int[] from = new int[edges * 2 + 4];
            int[] to = new int[edges * 2 + 4];
            int count = 0;
            for (int e = 0; e < edges; e++) {
                int a = random.nextInt(members) * spread;
                int b = random.nextInt(members) * spread;
                from[count] = a;
                to[count] = b;
                count++;
                if (random.nextInt(10) == 0) {
                    // A duplicate in the other orientation, which fromEdges must ignore.
                    from[count] = b;
                    to[count] = a;
                    count++;
                }
                if (a != b) {
                    oracle.connect(a, b);
                }
            }
            ConnectionGraph bulk = ConnectionGraph.fromEdges(from, to, count);
            ConnectionGraph incremental = new ConnectionGraph();
            for (int i = 0; i < count; i++) {
                if (from[i] != to[i]) {
                    incremental.connect(from[i], to[i]);
                }
            }
            Failure failure = new Failure(seed, "random graph of " + members + " members, average degree "
                    + averageDegree + ", ids spread " + spread, oracle);
            compareEverything(failure.with("built by fromEdges"), bulk, oracle, members * spread, random);
            compareEverything(failure.with("built by connect"), incremental, oracle, members * spread, random);
        }
    }

    @Test
    void writes_randomSequences_matchOracleAfterEveryStep() {
        for (int iteration = 0; iteration < SEQUENCES; iteration++) {
            long seed = BASE_SEED * 31 + iteration;
            SplittableRandom random = new SplittableRandom(seed);
            int members = 2 + random.nextInt(120);
            int operations = 300 + random.nextInt(700);
            // Bias towards connecting so the graphs grow dense enough for paths of length 3+.
            int connectPercent = 55 + random.nextInt(30);
            NaiveGraph oracle = new NaiveGraph();
            ConnectionGraph graph = new ConnectionGraph();
            for (int step = 0; step < operations; step++) {
                int roll = random.nextInt(100);
                int a = random.nextInt(members);
                int b = random.nextInt(members);
                String operation;
                Object expected;
                Object actual;
                if (roll < connectPercent) {
                    if (a == b) {
                        continue;
                    }
                    operation = "connect(" + a + ", " + b + ")";
                    expected = oracle.connect(a, b);
                    actual = graph.connect(a, b);
                } else if (roll < 97) {
                    operation = "disconnect(" + a + ", " + b + ")";
                    expected = a != b && oracle.disconnect(a, b);
                    actual = graph.disconnect(a, b);
                } else {
                    operation = "removeMember(" + a + ")";
                    expected = oracle.removeMember(a);
                    actual = graph.removeMember(a);
                }
                Failure failure = new Failure(seed, "step " + step + ": " + operation, oracle);
                assertThat(actual).as(failure.describe("return value")).isEqualTo(expected);
                assertThat(graph.edgeCount()).as(failure.describe("edgeCount")).isEqualTo(oracle.edgeCount());
                assertThat(graph.memberCount()).as(failure.describe("memberCount")).isEqualTo(oracle.members().size());
                assertThat(graph.connectionsOf(a)).as(failure.describe("connectionsOf(" + a + ")"))
                        .containsExactly(oracle.neighbourArray(a));
                assertThat(graph.connectionsOf(b)).as(failure.describe("connectionsOf(" + b + ")"))
                        .containsExactly(oracle.neighbourArray(b));
                if (step % 50 == 49 || step == operations - 1) {
                    compareEverything(failure, graph, oracle, members, random);
                }
            }
        }
    }

    private static double[] densities() {
        return new double[] {0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, 20.0, 60.0};
    }

    /**
     * Compares every member's list and network size, and member pairs (all of them for small
     * graphs, a random sample otherwise) on distance, mutuals, adjacency and shortest paths.
     */
    private static void compareEverything(Failure failure, ConnectionGraph graph, NaiveGraph oracle,
                                          int idBound, SplittableRandom random) {
        assertThat(graph.edgeCount()).as(failure.describe("edgeCount")).isEqualTo(oracle.edgeCount());
        assertThat(graph.memberCount()).as(failure.describe("memberCount")).isEqualTo(oracle.members().size());
        // One id past the bound, to cover unknown members too.
        int limit = idBound + 1;
        List<Map<Integer, Integer>> distances = distanceTable(oracle, limit);
        for (int m = 0; m < limit; m++) {
            int member = m;
            assertThat(graph.connectionsOf(m)).as(failure.describe("connectionsOf(" + m + ")"))
                    .containsExactly(oracle.neighbourArray(m));
            assertThat(graph.connectionCount(m)).as(failure.describe("connectionCount(" + m + ")"))
                    .isEqualTo(oracle.neighbours(m).size());
            assertThat(graph.networkSize(m)).as(failure.describe("networkSize(" + member + ")"))
                    .isEqualTo(oracle.networkSize(distances.get(m)));
            assertThat(graph.secondDegreeCount(m)).as(failure.describe("secondDegreeCount(" + member + ")"))
                    .isEqualTo(oracle.networkSize(distances.get(m)).second());
            compareSuggestions(failure, graph, oracle, m, random);
        }
        boolean allPairs = (long) limit * limit <= 6_000;
        int pairs = allPairs ? limit * limit : 3_000;
        for (int k = 0; k < pairs; k++) {
            int a = allPairs ? k / limit : random.nextInt(limit);
            int b = allPairs ? k % limit : random.nextInt(limit);
            comparePair(failure, graph, oracle, distances, a, b, random);
        }
    }

    private static List<Map<Integer, Integer>> distanceTable(NaiveGraph oracle, int limit) {
        List<Map<Integer, Integer>> table = new ArrayList<>(limit);
        for (int m = 0; m < limit; m++) {
            table.add(oracle.distancesFrom(m));
        }
        return table;
    }

    private static void comparePair(Failure failure, ConnectionGraph graph, NaiveGraph oracle,
                                    List<Map<Integer, Integer>> distances, int a, int b, SplittableRandom random) {
        int exact = distances.get(a).getOrDefault(b, -1);
        String pair = "(" + a + ", " + b + ")";
        assertThat(graph.distance(a, b)).as(failure.describe("distance" + pair + ", exact distance " + exact))
                .isEqualTo(NaiveGraph.capped(exact));
        assertThat(graph.areConnected(a, b)).as(failure.describe("areConnected" + pair)).isEqualTo(exact == 1);
        int[] mutual = oracle.mutual(a, b);
        assertThat(graph.mutualCount(a, b)).as(failure.describe("mutualCount" + pair)).isEqualTo(mutual.length);
        assertThat(graph.mutualConnections(a, b)).as(failure.describe("mutualConnections" + pair))
                .containsExactly(mutual);
        int maxHops = random.nextInt(8);
        int[] path = graph.shortestPath(a, b, maxHops);
        Supplier<String> pathContext = failure.describe("shortestPath" + pair + " within " + maxHops
                + " hops, exact distance " + exact + ", got " + Arrays.toString(path));
        if (exact >= 0 && exact <= maxHops) {
            assertThat(path).as(pathContext).hasSize(exact + 1);
            assertThat(path[0]).as(pathContext).isEqualTo(a);
            assertThat(path[path.length - 1]).as(pathContext).isEqualTo(b);
            assertThat(oracle.isSimplePath(path)).as(pathContext).isTrue();
        } else {
            assertThat(path).as(pathContext).isEmpty();
        }
    }

    /**
     * {@code suggest} against the oracle's definition: members at distance 2, not excluded, ranked
     * by Adamic–Adar score, then mutual count, then id. Scores are compared within 1e-9 because the
     * engine adds the same terms in another order; near-ties may therefore swap, so the check is
     * that each returned score is right, the order never rises, and nothing left out scores
     * higher than the last one returned. A small budget must still return only true candidates
     * with exact counts and scores, and say it is incomplete exactly when it skipped a list.
     */
    private static void compareSuggestions(Failure failure, ConnectionGraph graph, NaiveGraph oracle, int member,
                                           SplittableRandom random) {
        int excludedModulus = 2 + random.nextInt(5);
        int excludedRemainder = random.nextInt(excludedModulus);
        java.util.function.IntPredicate excluded = c -> c % excludedModulus == excludedRemainder;
        int limit = random.nextInt(12);
        java.util.Map<Integer, Double> scores = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        long listSum = 0;
        for (int friend : oracle.neighbours(member)) {
            listSum += oracle.neighbours(friend).size();
            double weight = 1.0 / Math.log(Math.max(2, oracle.neighbours(friend).size()));
            for (int candidate : oracle.neighbours(friend)) {
                if (candidate != member && !oracle.neighbours(member).contains(candidate)
                        && !excluded.test(candidate)) {
                    scores.merge(candidate, weight, Double::sum);
                    counts.merge(candidate, 1, Integer::sum);
                }
            }
        }
        String call = "suggest(" + member + ", " + limit + ", excluding id % " + excludedModulus + " == "
                + excludedRemainder + ")";
        Suggestions full = graph.suggest(member, limit, excluded, Long.MAX_VALUE);
        Supplier<String> context = failure.describe(call + " = " + full + ", oracle scores " + scores);
        assertThat(full.complete()).as(context).isTrue();
        assertThat(full.size()).as(context).isEqualTo(Math.min(limit, scores.size()));
        for (int i = 0; i < full.size(); i++) {
            int c = full.members()[i];
            assertThat(scores).as(context).containsKey(c);
            assertThat(full.mutualCounts()[i]).as(context).isEqualTo(counts.get(c));
            assertThat(full.scores()[i]).as(context).isCloseTo(scores.get(c), org.assertj.core.data.Offset.offset(1e-9));
            if (i > 0) {
                assertThat(full.scores()[i]).as(context).isLessThanOrEqualTo(full.scores()[i - 1] + 1e-9);
            }
        }
        if (full.size() > 0) {
            double last = full.scores()[full.size() - 1];
            java.util.Set<Integer> returned = new java.util.HashSet<>();
            Arrays.stream(full.members()).forEach(returned::add);
            scores.forEach((c, score) -> {
                if (!returned.contains(c)) {
                    assertThat(score).as(context).isLessThanOrEqualTo(last + 1e-9);
                }
            });
        }
        long budget = 1 + random.nextInt(40);
        Suggestions partial = graph.suggest(member, limit, excluded, budget);
        Supplier<String> partialContext = failure.describe(call + " with budget " + budget + " = " + partial);
        assertThat(partial.complete()).as(partialContext).isEqualTo(limit == 0 || listSum <= budget);
        for (int i = 0; i < partial.size(); i++) {
            int c = partial.members()[i];
            assertThat(scores).as(partialContext).containsKey(c);
            assertThat(partial.mutualCounts()[i]).as(partialContext).isEqualTo(counts.get(c));
            assertThat(partial.scores()[i]).as(partialContext)
                    .isCloseTo(scores.get(c), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** What to print when an assertion fails: the seed, the situation and the graph. */
    private record Failure(long seed, String situation, NaiveGraph oracle) {

        Failure with(String more) {
            return new Failure(seed, situation + ", " + more, oracle);
        }

        Supplier<String> describe(String check) {
            return () -> "seed " + seed + ", " + situation + ": " + check + "\n" + oracle.dump();
        }
    }

    @Test
    void dump_listsEachEdgeOnce() {
        NaiveGraph oracle = new NaiveGraph();
        oracle.connect(2, 1);
        oracle.connect(1, 3);
        assertThat(oracle.dump()).isEqualTo("2 edges (u v):\n1 2\n1 3\n");
        assertThat(oracle.edges()).hasSize(2);
        assertThat(List.of(oracle.isSimplePath(new int[] {2, 1, 3}), oracle.isSimplePath(new int[] {2, 3})))
                .containsExactly(true, false);
    }
}
