package org.rapport.bench.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.rapport.bench.BenchGraphs;
import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.support.EdgeList;

/**
 * Heap taken by the index: used heap after a full collection before and after building a
 * network, the edge arrays dropped, then again after one of each traversing query has run (their
 * pooled working memory, a few arrays indexed by member id, stays with the graph). Compared with
 * the budget of 10 bytes per connection plus 64 bytes per member. Also prints the index build
 * time, by the wall clock and by the building thread's CPU time, which tells how much of the
 * wall time a busy shared machine took away.
 *
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -Xms6g -Xmx6g -XX:+UseG1GC -cp graph-bench/target/benchmarks.jar \
 *     org.rapport.bench.memory.MemoryFootprint synthetic-10m
 * </pre>
 * The argument is a name {@link BenchGraphs#load} knows; default {@value BenchGraphs#SYNTHETIC_10M}.
 * Building needs the edge arrays (8 bytes per connection) and the graph at once, so the peak is
 * about twice the result.
 */
public final class MemoryFootprint {

    private MemoryFootprint() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : BenchGraphs.SYNTHETIC_10M;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterFullGc(memory);
        long start = System.nanoTime();
        EdgeList edges = BenchGraphs.edges(name);
        long generated = System.nanoTime();
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ConnectionGraph graph = ConnectionGraph.fromEdges(edges.from(), edges.to(), edges.count());
        long built = System.nanoTime();
        long buildCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        edges = null;
        long after = usedAfterFullGc(memory);
        Workload.peopleYouMayKnow(graph, 0);
        graph.shortestPath(0, 1, Workload.MAX_CHAIN);
        long withScratch = usedAfterFullGc(memory);

        long connections = graph.edgeCount();
        long members = graph.memberCount();
        long index = after - before;
        long budget = 10 * connections + 64 * members;
        System.out.printf("%s: %,d members, %,d connections; edges in %.1f s, index built in %.1f s (%,.0f connections/s)%n",
                name, members, connections, (generated - start) / 1e9, (built - generated) / 1e9,
                connections / ((built - generated) / 1e9));
        System.out.printf("index build on the main thread's CPU: %.1f s (%,.0f connections per CPU second; "
                + "garbage collection threads not counted), against %.1f s of wall time%n",
                buildCpu / 1e9, connections / (buildCpu / 1e9), (built - generated) / 1e9);
        System.out.printf("heap used after full GC: before %,d B, with the index %,d B, after queries %,d B (max heap %,d B)%n",
                before, before + index, withScratch, Runtime.getRuntime().maxMemory());
        System.out.printf("index: %,d B = %.2f B per connection + %.1f B per member over the 8 B per connection of list entries%n",
                index, (double) index / connections, (index - 8.0 * connections) / members);
        System.out.printf("budget 10 B/connection + 64 B/member: %,d B; used %.1f%% of it: %s%n",
                budget, 100.0 * index / budget, index <= budget ? "met" : "NOT met");
        System.out.printf("query working memory (pooled scratch): %,d B = %.1f B per member%n",
                withScratch - after, (double) (withScratch - after) / members);
        if (graph.edgeCount() < 0) {
            System.out.println(graph); // keeps the graph reachable until here
        }
    }

    private static long usedAfterFullGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
