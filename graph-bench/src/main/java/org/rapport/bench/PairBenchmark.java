package org.rapport.bench;

import java.util.concurrent.TimeUnit;
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

/**
 * What every per-query benchmark shares: the three graphs as a parameter, the {@link Workload}
 * (the graph and its random pairs, built once per trial in a 7 GB heap), sampling per call so the
 * report gives the median and p99, and a cursor cycling through the pairs. A subclass adds one
 * {@code @Benchmark} method that asks the graph about pair {@link #next()}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms7g", "-Xmx7g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class PairBenchmark {

    @Param({BenchGraphs.SNAP_SLASHDOT, BenchGraphs.SYNTHETIC_1M, BenchGraphs.SYNTHETIC_10M})
    public String graph;

    public Workload workload;
    private int cursor;

    @Setup
    public void setUp() {
        workload = Workload.load(graph);
    }

    /** The index of the next pair of the workload, cycling. */
    protected final int next() {
        int i = cursor;
        cursor = (i + 1) & workload.mask();
        return i;
    }
}
