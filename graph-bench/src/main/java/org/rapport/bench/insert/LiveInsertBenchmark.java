package org.rapport.bench.insert;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;

/**
 * Connections accepted while the site is being read: one thread writes new connections between
 * uniformly drawn members into the live index ({@code ConnectionGraph.connect}, copy on write of
 * both lists) while another keeps querying it (degree badges and mutual counts on uniform random
 * pairs, alternating). Reported per thread in operations per second: the {@code insert} line is
 * the insert rate, {@code read} the queries the reader got through meanwhile. The graph grows
 * during the trial (by about one percent at the rates seen), which only makes later inserts
 * slightly dearer.
 *
 * <p>Graph: {@value BenchGraphs#SYNTHETIC_1M} (1M members × 40, generated from a fixed seed, built
 * once per trial); {@code -p graph=snap-slashdot} for the real one.
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar LiveInsertBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Group)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LiveInsertBenchmark {

    @Param({BenchGraphs.SYNTHETIC_1M})
    public String graph;

    Workload workload;
    private SplittableRandom writes;
    private int readCursor;

    @Setup
    public void setUp() {
        use(Workload.load(graph));
    }

    /** Writes into {@code workload}'s graph from a fixed seed (for tests). */
    void use(Workload workload) {
        this.workload = workload;
        this.writes = new SplittableRandom(Workload.PAIR_SEED + 100);
        this.readCursor = 0;
    }

    /** Connects two uniformly drawn members; returns whether the connection was new. */
    @Benchmark
    @Group("live")
    @GroupThreads(1)
    public boolean insert() {
        int[] members = workload.members();
        int a = members[writes.nextInt(members.length)];
        int b = members[writes.nextInt(members.length)];
        return a != b && workload.graph().connect(a, b);
    }

    /** A degree badge or a mutual count, alternately, on the next pre-drawn pair. */
    @Benchmark
    @Group("live")
    @GroupThreads(1)
    public int read() {
        int i = readCursor;
        readCursor = (i + 1) & workload.mask();
        ConnectionGraph graph = workload.graph();
        int a = workload.sources()[i];
        int b = workload.targets()[i];
        return (i & 1) == 0 ? graph.distance(a, b) : graph.mutualCount(a, b);
    }
}
