package org.rapport.bench.compare;

import org.rapport.bench.Workload;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.Suggestions;

/** Our engine: {@link ConnectionGraph} built with {@code fromEdges}, queried as the JMH benchmarks do. */
final class OursPeer implements Peer {

    private ConnectionGraph graph;

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public String ranking() {
        return "Adamic–Adar, scan budget " + Workload.SUGGESTION_BUDGET;
    }

    @Override
    public void load(PeerGraph edges) {
        graph = ConnectionGraph.fromEdges(edges.lo(), edges.hi(), edges.count());
    }

    @Override
    public int degree(int a, int b) {
        return graph.distance(a, b);
    }

    @Override
    public int mutualCount(int a, int b) {
        return graph.mutualCount(a, b);
    }

    @Override
    public int secondDegreeCount(int member) {
        return graph.secondDegreeCount(member);
    }

    @Override
    public int chainLength(int a, int b, int maxHops) {
        return graph.shortestPath(a, b, maxHops).length - 1;
    }

    @Override
    public Suggested peopleYouMayKnow(int member, int limit) {
        Workload.PeopleYouMayKnow pymk = Workload.peopleYouMayKnow(graph, member, limit);
        Suggestions s = pymk.suggestions();
        return new Suggested(s.members(), s.mutualCounts(), pymk.reasons());
    }

    @Override
    public void close() {
        graph = null;
    }
}
