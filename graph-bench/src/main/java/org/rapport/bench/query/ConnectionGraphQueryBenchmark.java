package org.rapport.bench.query;

import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Warmup;
import org.rapport.bench.BenchGraphs;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.NetworkSize;

/**
 * The read queries a page view makes, on random member pairs: the degree badge shown next to a
 * member ({@code distance}), "N mutual connections" ({@code mutualCount}) and the "your network"
 * counts of the 1st, 2nd and 3rd degree ({@code networkSize}). Pairs are drawn uniformly from the
 * members with at least one connection, from a fixed seed, before measuring; each call takes the
 * next pair, cycling through {@value #PAIRS} of them, so the cost is averaged over near and far
 * pairs and the caches see a realistic spread of members rather than one hot pair.
 *
 * <p>Graphs ({@code @Param graph}): {@value BenchGraphs#SNAP_FACEBOOK}, the real SNAP
 * ego-Facebook graph read from {@code shared/data} (the run fails naming where it looked if it is
 * missing), and {@value BenchGraphs#POWER_LAW_100K}, a Barabási–Albert graph of 100,000 members
 * and about a million connections generated from a fixed seed.
 *
 * <p>Run from the repository root (the data are found by walking up from the working directory,
 * or with {@code -jvmArgsAppend -Drapport.shared.data=/path/to/shared/data}):
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar ConnectionGraphQueryBenchmark
 * </pre>
 * A quick run for a rough figure: add {@code -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConnectionGraphQueryBenchmark {

    /** Number of pre-drawn pairs; a power of two so the cursor wraps with a mask. */
    static final int PAIRS = 1 << 12;

    /** Seed of the pair draw. */
    static final long PAIR_SEED = 42L;

    @Param({BenchGraphs.SNAP_FACEBOOK, BenchGraphs.POWER_LAW_100K})
    public String graph;

    private ConnectionGraph connections;
    private int[] sources;
    private int[] targets;
    private int cursor;

    @Setup
    public void setUp() {
        use(BenchGraphs.load(graph));
    }

    /** Measures {@code connections} with {@value #PAIRS} pairs drawn from {@link #PAIR_SEED}. */
    void use(ConnectionGraph connections) {
        int[] members = membersOf(connections);
        if (members.length == 0) {
            throw new IllegalStateException("graph '" + graph + "' has no connected members");
        }
        SplittableRandom random = new SplittableRandom(PAIR_SEED);
        int[] from = new int[PAIRS];
        int[] to = new int[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            from[i] = members[random.nextInt(members.length)];
            to[i] = members[random.nextInt(members.length)];
        }
        use(connections, from, to);
    }

    /** Measures {@code connections} with exactly these pairs, cycled in order (for tests). */
    void use(ConnectionGraph connections, int[] sources, int[] targets) {
        if (sources.length != targets.length || Integer.bitCount(sources.length) != 1) {
            throw new IllegalArgumentException("need the same power-of-two number of sources and targets, got "
                    + sources.length + " and " + targets.length);
        }
        this.connections = connections;
        this.sources = sources.clone();
        this.targets = targets.clone();
        this.cursor = 0;
    }

    private static int[] membersOf(ConnectionGraph connections) {
        int[] members = new int[16];
        int count = 0;
        for (int id = 0; count < connections.memberCount(); id++) {
            if (connections.connectionCount(id) > 0) {
                if (count == members.length) {
                    members = Arrays.copyOf(members, count * 2);
                }
                members[count++] = id;
            }
        }
        return Arrays.copyOf(members, count);
    }

    /** The index of the next pair. Single-threaded runs only, which is JMH's default. */
    private int next() {
        int i = cursor;
        cursor = (i + 1) & (sources.length - 1);
        return i;
    }

    @Benchmark
    public int distance() {
        int i = next();
        return connections.distance(sources[i], targets[i]);
    }

    @Benchmark
    public int mutualCount() {
        int i = next();
        return connections.mutualCount(sources[i], targets[i]);
    }

    /** The network of the pair's source member. */
    @Benchmark
    public NetworkSize networkSize() {
        int i = next();
        return connections.networkSize(sources[i]);
    }
}
