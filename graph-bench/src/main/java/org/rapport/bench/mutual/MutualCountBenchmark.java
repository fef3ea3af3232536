package org.rapport.bench.mutual;

import org.openjdk.jmh.annotations.Benchmark;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.PairBenchmark;
import org.rapport.bench.Workload;

/**
 * "N mutual connections" shown on a member's profile and on every suggestion:
 * {@code ConnectionGraph.mutualCount}, the size of the intersection of two sorted connection
 * lists, on uniform random pairs (see {@link Workload}). Sampled per call, so the report gives the
 * median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap {@link PairBenchmark} sets).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar MutualCountBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class MutualCountBenchmark extends PairBenchmark {

    @Benchmark
    public int mutualCount() {
        int i = next();
        return workload.graph().mutualCount(workload.sources()[i], workload.targets()[i]);
    }
}
