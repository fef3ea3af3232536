package org.rapport.bench.compare;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;

/**
 * The side-by-side comparison: loads the same graph into ours and each peer, asks each the same
 * seeded questions, times every single query with {@link System#nanoTime}, checks every answer
 * against our engine's, and prints Markdown tables of median, p99 and mean per query with the
 * ratio to ours.
 *
 * <h2>Procedure</h2>
 * <ol>
 *   <li>The graph is built once with our engine (the reference); its distinct connections, each
 *       once as {@code lo < hi}, are what every implementation loads ({@link PeerGraph}), ours
 *       included, so all hold exactly the same simple graph. Load time is reported.</li>
 *   <li>{@code --pairs N} pairs of different members are drawn uniformly from
 *       {@link Workload#PAIR_SEED}; PYMK and the 2nd degree use the first member of each pair.
 *       Warm-up uses other pairs (the next seed), so no implementation measures a question it
 *       has already cached the answer to.</li>
 *   <li>Implementations run one after another, in one thread. For each query: warm-up on the
 *       other pairs for {@code --warmup-seconds}, then the N pairs in order, each timed alone;
 *       a slow implementation stops after {@code --budget-seconds} and is reported on the pairs
 *       it finished (n), with the ratio taken against ours on those same pairs.</li>
 *   <li>Answers are checked against the reference: degree (1, 2, 3 or beyond), mutual count,
 *       2nd-degree count and chain length must be equal. Suggestions must be members two hops
 *       away with the exact mutual count and shared connections; peers that rank by mutual
 *       count (Neo4j's and PostgreSQL's friend-of-friend count queries) must also return the
 *       reference top 20 by that count (ties by lower id), and the overlap of every top 20 with
 *       ours (Adamic–Adar, within a scan budget) is reported.</li>
 * </ol>
 *
 * <h2>Run</h2>
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench,graph-bench-neo4j -am package -DskipTests
 * java -Xmx12g -cp 'graph-bench/target/benchmarks.jar:graph-bench-neo4j/target/lib/*' \
 *     org.rapport.bench.compare.PeerComparison --graph slashdot --peers ours,neo4j,jgrapht,postgres,naive --pairs 500
 * </pre>
 * Graphs: {@code facebook}, {@code slashdot} (SNAP, from {@code shared/data}) and
 * {@code synthetic-1m} (1M members × 40). Other options: {@code --warmup-seconds S} (default 5),
 * {@code --budget-seconds S} (default 60), {@code --postgres HOST:PORT} (default
 * 127.0.0.1:5432, user {@code --postgres-user}, default {@code postgres}, trust auth),
 * {@code --neo4j-dir DIR} (default {@code graph-bench/target/neo4j-peer}, wiped first),
 * {@code --neo4j-pagecache SIZE} (default 2g). The Neo4j peer lives in the module
 * {@code graph-bench-neo4j} (its dependencies clash with the Spring Boot parent's version
 * management) and is found on the class path by name.
 */
public final class PeerComparison {

    /** The queries compared, in report order. */
    enum Query {
        DEGREE("degree (≤ 3)"),
        MUTUAL("mutual count"),
        PYMK("PYMK top 20 with reasons"),
        SECOND("2nd-degree count"),
        CHAIN("shortest chain (≤ 6)");

        final String label;

        Query(String label) {
            this.label = label;
        }
    }

    static final String NEO4J_PEER = "org.rapport.bench.compare.neo4j.Neo4jPeer";

    /** Options of one run. */
    record Options(String graph, List<String> peers, int pairs, double warmupSeconds, double budgetSeconds,
                   String postgresHost, String postgresUser, Path neo4jDir, String neo4jPageCache) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            Options options = new Options(
                    graphName(values.getOrDefault("graph", "slashdot")),
                    List.of(values.getOrDefault("peers", "ours,neo4j,jgrapht,postgres,naive").split(",")),
                    Integer.parseInt(values.getOrDefault("pairs", "500")),
                    Double.parseDouble(values.getOrDefault("warmup-seconds", "5")),
                    Double.parseDouble(values.getOrDefault("budget-seconds", "60")),
                    values.getOrDefault("postgres", "127.0.0.1:5432"),
                    values.getOrDefault("postgres-user", "postgres"),
                    Path.of(values.getOrDefault("neo4j-dir", "graph-bench/target/neo4j-peer")),
                    values.getOrDefault("neo4j-pagecache", "2g"));
            values.keySet().removeAll(List.of("graph", "peers", "pairs", "warmup-seconds", "budget-seconds",
                    "postgres", "postgres-user", "neo4j-dir", "neo4j-pagecache"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + values.keySet());
            }
            return options;
        }

        static String graphName(String given) {
            return switch (given) {
                case "slashdot", BenchGraphs.SNAP_SLASHDOT -> BenchGraphs.SNAP_SLASHDOT;
                case "facebook", BenchGraphs.SNAP_FACEBOOK -> BenchGraphs.SNAP_FACEBOOK;
                case BenchGraphs.SYNTHETIC_1M -> BenchGraphs.SYNTHETIC_1M;
                default -> throw new IllegalArgumentException(
                        "unknown graph '" + given + "'; known: slashdot, facebook, synthetic-1m");
            };
        }
    }

    /** Seeded pairs of different members. */
    static int[][] drawPairs(int[] members, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            do {
                a[i] = members[random.nextInt(members.length)];
                b[i] = members[random.nextInt(members.length)];
            } while (a[i] == b[i]);
        }
        return new int[][] {a, b};
    }

    /** What one implementation did on one query. */
    static final class Measured {
        final long[] nanos;
        final Object[] answers;
        int n;
        int agreed;
        double overlapSum;
        String failure;

        Measured(int pairs) {
            nanos = new long[pairs];
            answers = new Object[pairs];
        }

        long[] sorted(int count) {
            long[] s = Arrays.copyOf(nanos, count);
            Arrays.sort(s);
            return s;
        }

        double medianMicros(int count) {
            long[] s = sorted(count);
            return count == 0 ? Double.NaN
                    : (count % 2 == 1 ? s[count / 2] : (s[count / 2 - 1] + s[count / 2]) / 2.0) / 1e3;
        }

        double p99Micros() {
            long[] s = sorted(n);
            return n == 0 ? Double.NaN : s[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e3;
        }

        double meanMicros() {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += nanos[i];
            }
            return n == 0 ? Double.NaN : sum / 1e3 / n;
        }
    }

    /** One implementation's results. */
    static final class Result {
        final String peer;
        String ranking = "";
        double loadSeconds = Double.NaN;
        String failure;
        final Map<Query, Measured> queries = new LinkedHashMap<>();

        Result(String peer) {
            this.peer = peer;
        }
    }

    private final Options options;
    private final ConnectionGraph reference;
    private final int[] sources;
    private final int[] targets;
    private final int[] warmSources;
    private final int[] warmTargets;

    PeerComparison(Options options, ConnectionGraph reference) {
        this.options = options;
        this.reference = reference;
        int[] members = BenchGraphs.membersOf(reference);
        int[][] pairs = drawPairs(members, options.pairs(), Workload.PAIR_SEED);
        int[][] warm = drawPairs(members, Math.max(options.pairs(), 1_000), Workload.PAIR_SEED + 1);
        sources = pairs[0];
        targets = pairs[1];
        warmSources = warm[0];
        warmTargets = warm[1];
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long start = System.nanoTime();
        ConnectionGraph reference = BenchGraphs.load(options.graph());
        System.out.printf("# %s: %,d members, %,d connections (reference built in %.1f s)%n",
                options.graph(), reference.memberCount(), reference.edgeCount(), (System.nanoTime() - start) / 1e9);
        PeerGraph edges = PeerGraph.of(reference);
        PeerComparison comparison = new PeerComparison(options, reference);
        List<Result> results = new ArrayList<>();
        for (String name : options.peers()) {
            Result result = comparison.run(name.trim(), edges);
            results.add(result);
            System.gc();
        }
        System.out.println();
        System.out.print(comparison.report(results));
    }

    Peer create(String name) throws ReflectiveOperationException {
        switch (name) {
            case "ours":
                return new OursPeer();
            case "naive":
                return new NaivePeer();
            case "jgrapht":
                return new JGraphTPeer();
            case "postgres":
                return new PostgresPeer(options.postgresHost(), options.postgresUser());
            case "neo4j":
                Class<?> type;
                try {
                    type = Class.forName(NEO4J_PEER);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("the Neo4j peer is not on the class path: build graph-bench-neo4j and add "
                            + "'graph-bench-neo4j/target/lib/*' to -cp", e);
                }
                Constructor<?> constructor = type.getConstructor(Path.class, String.class);
                return (Peer) constructor.newInstance(options.neo4jDir(), options.neo4jPageCache());
            default:
                throw new IllegalArgumentException("unknown peer '" + name + "'; known: ours, neo4j, jgrapht, postgres, naive");
        }
    }

    /** Loads, warms up, measures and checks one implementation; failures are recorded, not thrown. */
    Result run(String name, PeerGraph edges) {
        Result result = new Result(name);
        System.out.printf("## %s%n", name);
        try (Peer peer = create(name)) {
            result.ranking = peer.ranking();
            long start = System.nanoTime();
            peer.load(edges);
            result.loadSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  loaded in %.1f s%n", result.loadSeconds);
            for (Query query : Query.values()) {
                Measured measured = new Measured(sources.length);
                result.queries.put(query, measured);
                try {
                    warmUp(peer, query);
                    measure(peer, query, measured);
                    check(query, measured, peer.ranking().startsWith("mutual count"));
                } catch (Exception | StackOverflowError e) {
                    measured.failure = e.toString();
                }
                System.out.printf(Locale.ROOT, "  %-26s n=%d median %.1f µs, p99 %.1f µs, agree %d/%d%s%n", query.label,
                        measured.n, measured.medianMicros(measured.n), measured.p99Micros(), measured.agreed, measured.n,
                        measured.failure == null ? "" : " FAILED: " + measured.failure);
            }
        } catch (Exception | OutOfMemoryError e) {
            result.failure = e.toString();
            System.out.println("  FAILED: " + e);
            e.printStackTrace(System.out);
        }
        return result;
    }

    private Object ask(Peer peer, Query query, int a, int b) throws Exception {
        switch (query) {
            case DEGREE:
                return peer.degree(a, b);
            case MUTUAL:
                return peer.mutualCount(a, b);
            case PYMK:
                return peer.peopleYouMayKnow(a, Workload.SUGGESTION_LIMIT);
            case SECOND:
                return peer.secondDegreeCount(a);
            default:
                return peer.chainLength(a, b, Workload.MAX_CHAIN);
        }
    }

    private void warmUp(Peer peer, Query query) throws Exception {
        long end = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
        int i = 0;
        do {
            ask(peer, query, warmSources[i], warmTargets[i]);
            i = (i + 1) % warmSources.length;
        } while (System.nanoTime() < end);
    }

    private void measure(Peer peer, Query query, Measured measured) throws Exception {
        long end = System.nanoTime() + (long) (options.budgetSeconds() * 1e9);
        for (int i = 0; i < sources.length; i++) {
            long t0 = System.nanoTime();
            Object answer = ask(peer, query, sources[i], targets[i]);
            long t1 = System.nanoTime();
            measured.nanos[i] = t1 - t0;
            measured.answers[i] = answer;
            measured.n = i + 1;
            if (t1 > end) {
                break;
            }
        }
    }

    /** Counts the answers that agree with the reference (see the class comment). */
    void check(Query query, Measured measured, boolean rankedByCount) {
        measured.agreed = 0;
        measured.overlapSum = 0;
        for (int i = 0; i < measured.n; i++) {
            int a = sources[i];
            int b = targets[i];
            Object answer = measured.answers[i];
            boolean ok;
            switch (query) {
                case DEGREE -> ok = answer.equals(reference.distance(a, b));
                case MUTUAL -> ok = answer.equals(reference.mutualCount(a, b));
                case SECOND -> ok = answer.equals(reference.secondDegreeCount(a));
                case CHAIN -> ok = answer.equals(reference.shortestPath(a, b, Workload.MAX_CHAIN).length - 1);
                default -> {
                    Peer.Suggested s = (Peer.Suggested) answer;
                    ok = validSuggestions(a, s, rankedByCount);
                    int[] ours = Workload.peopleYouMayKnow(reference, a).suggestions().members();
                    measured.overlapSum += overlap(ours, s.members());
                }
            }
            if (ok) {
                measured.agreed++;
            } else if (measured.agreed + 5 > i) {
                System.out.printf("    differs on pair %d (%d, %d): %s%n", i, a, b, describe(answer));
            }
        }
    }

    /**
     * Whether every suggestion is two hops away with its exact mutual count and shared
     * connections, and the list is as long as the reference's (20, or every candidate when there
     * are fewer); for a peer ranking by mutual count, also whether its counts are the best counts
     * in order.
     */
    boolean validSuggestions(int member, Peer.Suggested s, boolean rankedByCount) {
        for (int i = 0; i < s.size(); i++) {
            int c = s.members()[i];
            if (reference.distance(member, c) != 2
                    || s.mutualCounts()[i] != reference.mutualCount(member, c)
                    || !Arrays.equals(s.reasons()[i], reference.mutualConnections(member, c))) {
                return false;
            }
        }
        int[] best = bestMutualCounts(member, Workload.SUGGESTION_LIMIT);
        return s.size() == best.length && (!rankedByCount || Arrays.equals(s.mutualCounts(), best));
    }

    /** The {@code limit} largest mutual counts among the members two hops from {@code member}, descending. */
    int[] bestMutualCounts(int member, int limit) {
        int[] first = reference.connectionsOf(member);
        HashMap<Integer, Integer> counts = new HashMap<>();
        for (int x : first) {
            for (int y : reference.connectionsOf(x)) {
                if (y != member && Arrays.binarySearch(first, y) < 0) {
                    counts.merge(y, 1, Integer::sum);
                }
            }
        }
        return counts.values().stream().sorted((p, q) -> q - p).limit(limit).mapToInt(Integer::intValue).toArray();
    }

    static double overlap(int[] ours, int[] theirs) {
        if (ours.length == 0) {
            return theirs.length == 0 ? 1 : 0;
        }
        int shared = 0;
        for (int m : theirs) {
            for (int o : ours) {
                if (o == m) {
                    shared++;
                    break;
                }
            }
        }
        return (double) shared / ours.length;
    }

    private static String describe(Object answer) {
        if (answer instanceof Peer.Suggested s) {
            return "members " + Arrays.toString(s.members()) + " mutual " + Arrays.toString(s.mutualCounts());
        }
        return String.valueOf(answer);
    }

    /** The Markdown report: load times, then one table per query with the ratio to ours. */
    String report(List<Result> results) {
        StringBuilder out = new StringBuilder();
        Result ours = results.stream().filter(r -> r.peer.equals("ours")).findFirst().orElse(null);
        out.append(String.format(Locale.ROOT, "Graph %s: %,d members, %,d connections; %d pairs, warm-up %.0f s, "
                + "budget %.0f s per query; timing overhead per query (two nanoTime calls) %.0f ns%n%n",
                options.graph(), reference.memberCount(), reference.edgeCount(), sources.length,
                options.warmupSeconds(), options.budgetSeconds(), timerOverheadNanos()));
        out.append("| implementation | load (s) | PYMK ranking | status |\n|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s |%n", r.peer, r.loadSeconds, r.ranking,
                    r.failure == null ? "ok" : r.failure));
        }
        for (Query query : Query.values()) {
            out.append(String.format("%n**%s** (µs per query)%n%n", query.label));
            out.append("| implementation | n | median | p99 | mean | median vs ours | answers agree |"
                    + (query == Query.PYMK ? " top-20 overlap with ours |" : "") + "\n");
            out.append("|---|---|---|---|---|---|---|" + (query == Query.PYMK ? "---|" : "") + "\n");
            for (Result r : results) {
                Measured m = r.queries.get(query);
                if (m == null) {
                    continue;
                }
                Measured base = ours == null ? null : ours.queries.get(query);
                String ratio = "";
                if (base != null && base.n >= m.n && m.n > 0) {
                    ratio = String.format(Locale.ROOT, "%.1f×", m.medianMicros(m.n) / base.medianMicros(m.n));
                }
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d/%d%s |%s%n", r.peer, m.n,
                        micros(m.medianMicros(m.n)), micros(m.p99Micros()), micros(m.meanMicros()), ratio, m.agreed, m.n,
                        m.failure == null ? "" : " (failed: " + m.failure + ")",
                        query == Query.PYMK ? String.format(Locale.ROOT, " %.0f%% |", m.n == 0 ? 0 : 100 * m.overlapSum / m.n) : ""));
            }
        }
        return out.toString();
    }

    /**
     * The median of {@code nanoTime() - nanoTime()} back to back: what every timed query carries
     * on top of its own cost. It matters only for the sub-microsecond queries of our engine.
     */
    static double timerOverheadNanos() {
        long[] samples = new long[100_000];
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            samples[i] = System.nanoTime() - t0;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
