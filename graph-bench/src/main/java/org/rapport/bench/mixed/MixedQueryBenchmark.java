package org.rapport.bench.mixed;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;

/**
 * The read load of busy pages on both cores: two threads each run a fixed, seeded sequence of
 * queries in the proportions a page mix produces, {@value #DEGREE_SHARE}% degree badges,
 * {@value #MUTUAL_SHARE}% mutual counts, {@value #SUGGEST_SHARE}% "People you may know" with
 * reasons and {@value #PATH_SHARE}% shortest chains (≤ {@value Workload#MAX_CHAIN}), on uniform
 * random pairs (see {@link Workload}). Reported as queries per second for both threads together.
 * Other proportions with {@code -p mix=degree/mutual/pymk/path} (percentages).
 *
 * <p>Graph: {@value BenchGraphs#SYNTHETIC_1M} (1M members × 40, generated from a fixed seed, built
 * once per trial); {@code -p graph=snap-slashdot} for the real one.
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar MixedQueryBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * java -jar graph-bench/target/benchmarks.jar MixedQueryBenchmark -p mix=60/25/10/5,70/30/0/0 -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MixedQueryBenchmark {

    static final int DEGREE_SHARE = 60;
    static final int MUTUAL_SHARE = 25;
    static final int SUGGEST_SHARE = 10;
    static final int PATH_SHARE = 5;

    static final byte DEGREE = 0;
    static final byte MUTUAL = 1;
    static final byte SUGGEST = 2;
    static final byte PATH = 3;

    @Param({BenchGraphs.SYNTHETIC_1M})
    public String graph;

    /**
     * Percentages of degree, mutual, PYMK and path queries, separated by slashes (JMH splits parameter values at commas); the default is the
     * page mix above. {@code -p mix=70/30/0/0} measures badges and counts alone.
     */
    @Param({DEFAULT_MIX})
    public String mix = DEFAULT_MIX;

    static final String DEFAULT_MIX = DEGREE_SHARE + "/" + MUTUAL_SHARE + "/" + SUGGEST_SHARE + "/" + PATH_SHARE;

    Workload workload;

    @Setup
    public void setUp() {
        workload = Workload.load(graph);
    }

    /** One query thread's place in its own sequence of operations and pairs. */
    @State(Scope.Thread)
    public static class Cursor {
        byte[] operations;
        int[] pairs;
        int next;

        @Setup
        public void setUp(MixedQueryBenchmark benchmark, ThreadParams thread) {
            start(benchmark.workload, thread.getThreadIndex(), benchmark.mix);
        }

        /** The default mix; see {@link #start(Workload, int, String)}. */
        void start(Workload workload, int threadIndex) {
            start(workload, threadIndex, DEFAULT_MIX);
        }

        /** A sequence of {@code workload.size()} operations in proportions {@code mix}, and pair indexes, seeded by the thread index. */
        void start(Workload workload, int threadIndex, String mix) {
            String[] parts = mix.split("/");
            if (parts.length != 4) {
                throw new IllegalArgumentException("mix must be four percentages: degree/mutual/pymk/path; got " + mix);
            }
            int degree = Integer.parseInt(parts[0].trim());
            int mutual = degree + Integer.parseInt(parts[1].trim());
            int suggest = mutual + Integer.parseInt(parts[2].trim());
            if (suggest + Integer.parseInt(parts[3].trim()) != 100) {
                throw new IllegalArgumentException("mix percentages must add up to 100: " + mix);
            }
            SplittableRandom random = new SplittableRandom(Workload.PAIR_SEED + 1 + threadIndex);
            operations = new byte[workload.size()];
            pairs = new int[workload.size()];
            for (int i = 0; i < operations.length; i++) {
                int roll = random.nextInt(100);
                operations[i] = roll < degree ? DEGREE : roll < mutual ? MUTUAL : roll < suggest ? SUGGEST : PATH;
                pairs[i] = random.nextInt(workload.size());
            }
            next = 0;
        }
    }

    @Benchmark
    public long mixedQuery(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) & workload.mask();
        return run(workload, cursor.operations[i], cursor.pairs[i]);
    }

    /** Runs one query of the mix on pair {@code pair}; returns a figure of its answer. */
    static long run(Workload workload, byte operation, int pair) {
        ConnectionGraph graph = workload.graph();
        int a = workload.sources()[pair];
        int b = workload.targets()[pair];
        switch (operation) {
            case DEGREE:
                return graph.distance(a, b);
            case MUTUAL:
                return graph.mutualCount(a, b);
            case SUGGEST:
                return Workload.peopleYouMayKnow(graph, a).suggestions().size();
            default:
                return graph.shortestPath(a, b, Workload.MAX_CHAIN).length;
        }
    }
}
