package org.rapport.bench.build;

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
import org.rapport.graph.support.EdgeList;

/**
 * Server start-up: building the whole index from the connections table's rows, here an edge list
 * already in memory ({@code ConnectionGraph.fromEdges}: count, fill, sort and de-duplicate each
 * list). One build per iteration; the rate in connections per second is the number of distinct
 * connections (printed at setup) divided by the reported time. The edge list is generated or read
 * once per trial and is not part of the time.
 *
 * <p>Graphs: {@value BenchGraphs#SNAP_SLASHDOT} (948,464 directed links, 504,230 connections),
 * {@value BenchGraphs#SYNTHETIC_1M} (20M connections); {@code -p graph=synthetic-10m} for 300M
 * connections, which needs the 12 GB heap set below (edge arrays, the graph being built and the
 * previous one not yet collected).
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -jar graph-bench/target/benchmarks.jar IndexBuildBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class IndexBuildBenchmark {

    @Param({BenchGraphs.SNAP_SLASHDOT, BenchGraphs.SYNTHETIC_1M})
    public String graph;

    EdgeList edges;

    @Setup
    public void setUp() {
        edges = BenchGraphs.edges(graph);
        ConnectionGraph built = fromEdges();
        System.out.printf("%n%s: %,d edges given, %,d connections, %,d members%n",
                graph, edges.count(), built.edgeCount(), built.memberCount());
    }

    @Benchmark
    public ConnectionGraph fromEdges() {
        return ConnectionGraph.fromEdges(edges.from(), edges.to(), edges.count());
    }
}
