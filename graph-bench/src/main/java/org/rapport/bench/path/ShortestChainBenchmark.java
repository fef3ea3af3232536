package org.rapport.bench.path;

import org.openjdk.jmh.annotations.Benchmark;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.PairBenchmark;
import org.rapport.bench.Workload;

/**
 * "How you're connected": {@code ConnectionGraph.shortestPath} of at most
 * {@value Workload#MAX_CHAIN} connections between the two members of uniform random pairs (see
 * {@link Workload}), a bidirectional breadth-first search. Sampled per call, so the report gives
 * the median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap {@link PairBenchmark} sets).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar ShortestChainBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class ShortestChainBenchmark extends PairBenchmark {

    @Benchmark
    public int[] shortestChain() {
        int i = next();
        return workload.graph().shortestPath(workload.sources()[i], workload.targets()[i], Workload.MAX_CHAIN);
    }
}
