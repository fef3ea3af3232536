package org.rapport.bench.degree;

import org.openjdk.jmh.annotations.Benchmark;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.PairBenchmark;
import org.rapport.bench.Workload;

/**
 * The degree badge ("1st", "2nd", "3rd" or nothing) shown next to every member on a page:
 * {@code ConnectionGraph.distance} between the viewer and a member, capped at 3 hops, on uniform
 * random pairs (see {@link Workload}); on the large networks most pairs are more than 3 hops apart,
 * which is the costly answer. Sampled per call, so the report gives the median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap {@link PairBenchmark} sets).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar DegreeBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class DegreeBenchmark extends PairBenchmark {

    @Benchmark
    public int distance() {
        int i = next();
        return workload.graph().distance(workload.sources()[i], workload.targets()[i]);
    }
}
