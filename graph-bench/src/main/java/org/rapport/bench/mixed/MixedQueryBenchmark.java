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
 *
 * <p>Graph: {@value BenchGraphs#SYNTHETIC_1M} (1M members × 40, generated from a fixed seed, built
 * once per trial); {@code -p graph=snap-slashdot} for the real one.
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar MixedQueryBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
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
            start(benchmark.workload, thread.getThreadIndex());
        }

        /** A sequence of {@code workload.size()} operations and pair indexes seeded by the thread index. */
        void start(Workload workload, int threadIndex) {
            SplittableRandom random = new SplittableRandom(Workload.PAIR_SEED + 1 + threadIndex);
            operations = new byte[workload.size()];
            pairs = new int[workload.size()];
            for (int i = 0; i < operations.length; i++) {
                int roll = random.nextInt(100);
                operations[i] = roll < DEGREE_SHARE ? DEGREE
                        : roll < DEGREE_SHARE + MUTUAL_SHARE ? MUTUAL
                        : roll < DEGREE_SHARE + MUTUAL_SHARE + SUGGEST_SHARE ? SUGGEST : PATH;
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
