package org.rapport.bench.seconddegree;

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
import org.rapport.bench.Workload;

/**
 * "N people in your 2nd degree", shown on the network page: {@code ConnectionGraph.secondDegreeCount},
 * the members exactly two hops away, for the sources of uniform random pairs (see
 * {@link Workload}). Sampled per call, so the report gives the median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap set below).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar SecondDegreeBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms7g", "-Xmx7g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecondDegreeBenchmark {

    @Param({BenchGraphs.SNAP_SLASHDOT, BenchGraphs.SYNTHETIC_1M, BenchGraphs.SYNTHETIC_10M})
    public String graph;

    Workload workload;
    private int cursor;

    @Setup
    public void setUp() {
        workload = Workload.load(graph);
    }

    @Benchmark
    public int secondDegreeCount() {
        int i = cursor;
        cursor = (i + 1) & workload.mask();
        return workload.graph().secondDegreeCount(workload.sources()[i]);
    }
}
