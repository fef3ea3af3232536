package org.rapport.bench.seconddegree;

import org.openjdk.jmh.annotations.Benchmark;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.PairBenchmark;
import org.rapport.bench.Workload;

/**
 * "N people in your 2nd degree", shown on the network page: {@code ConnectionGraph.secondDegreeCount},
 * the members exactly two hops away, for the sources of uniform random pairs (see
 * {@link Workload}). Sampled per call, so the report gives the median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap {@link PairBenchmark} sets).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar SecondDegreeBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class SecondDegreeBenchmark extends PairBenchmark {

    @Benchmark
    public int secondDegreeCount() {
        int i = next();
        return workload.graph().secondDegreeCount(workload.sources()[i]);
    }
}
