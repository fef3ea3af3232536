package org.rapport.bench.suggest;

import org.openjdk.jmh.annotations.Benchmark;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.PairBenchmark;
import org.rapport.bench.Workload;

/**
 * The "People you may know" panel: the top {@value Workload#SUGGESTION_LIMIT} members two hops
 * away ranked by Adamic–Adar ({@code ConnectionGraph.suggest} with a scan budget of
 * {@link Workload#SUGGESTION_BUDGET} list entries), then the shared connections with each of them
 * ({@code mutualConnections}), the "reasons" the panel names. One call per member, the members
 * being the sources of uniform random pairs (see {@link Workload}). Sampled per call, so the
 * report gives the median and p99.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (read from {@code shared/data}),
 * {@value BenchGraphs#SYNTHETIC_1M} and {@value BenchGraphs#SYNTHETIC_10M} (generated from a
 * fixed seed, built once per trial; the 10M network needs the 7 GB heap {@link PairBenchmark} sets).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar SuggestBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class SuggestBenchmark extends PairBenchmark {

    @Benchmark
    public Workload.PeopleYouMayKnow peopleYouMayKnow() {
        int i = next();
        return Workload.peopleYouMayKnow(workload.graph(), workload.sources()[i]);
    }
}
