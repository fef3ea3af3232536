package org.rapport.bench.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.shortestpath.BidirectionalDijkstraShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * JGraphT 1.5.3 as its documentation shows it: a {@link SimpleGraph} of boxed {@code Integer}
 * vertices and {@link DefaultEdge}s (with the default fast-lookup specifics, so {@code addEdge}
 * checks duplicates in O(1)), {@link BidirectionalDijkstraShortestPath} with a radius for degrees
 * and chains, {@link Graphs#neighborSetOf} for mutual counts, the 2nd degree and an exact
 * Adamic–Adar tally for suggestions.
 */
final class JGraphTPeer implements Peer {

    private Graph<Integer, DefaultEdge> graph;
    private BidirectionalDijkstraShortestPath<Integer, DefaultEdge> withinThree;
    private final Map<Integer, BidirectionalDijkstraShortestPath<Integer, DefaultEdge>> byRadius = new HashMap<>();

    @Override
    public String name() {
        return "jgrapht";
    }

    @Override
    public String ranking() {
        return "Adamic–Adar, exact";
    }

    @Override
    public void load(PeerGraph edges) {
        graph = new SimpleGraph<>(DefaultEdge.class);
        for (int m : edges.members()) {
            graph.addVertex(m);
        }
        for (int i = 0; i < edges.count(); i++) {
            graph.addEdge(edges.lo()[i], edges.hi()[i]);
        }
        withinThree = new BidirectionalDijkstraShortestPath<>(graph, 3.0);
    }

    /** Hops of a shortest path found within {@code radius}, or -1. */
    private static int hops(BidirectionalDijkstraShortestPath<Integer, DefaultEdge> search, int a, int b, int maxHops) {
        GraphPath<Integer, DefaultEdge> path = search.getPath(a, b);
        return path == null || path.getLength() > maxHops ? -1 : path.getLength();
    }

    @Override
    public int degree(int a, int b) {
        int hops = hops(withinThree, a, b, 3);
        return hops < 0 ? BEYOND : hops;
    }

    @Override
    public int mutualCount(int a, int b) {
        Set<Integer> mine = Graphs.neighborSetOf(graph, a);
        mine.retainAll(Graphs.neighborSetOf(graph, b));
        return mine.size();
    }

    @Override
    public int secondDegreeCount(int member) {
        Set<Integer> first = Graphs.neighborSetOf(graph, member);
        java.util.HashSet<Integer> second = new java.util.HashSet<>();
        for (Integer x : first) {
            for (Integer y : Graphs.neighborListOf(graph, x)) {
                if (y != member && !first.contains(y)) {
                    second.add(y);
                }
            }
        }
        return second.size();
    }

    @Override
    public int chainLength(int a, int b, int maxHops) {
        BidirectionalDijkstraShortestPath<Integer, DefaultEdge> search =
                byRadius.computeIfAbsent(maxHops, r -> new BidirectionalDijkstraShortestPath<>(graph, r));
        return hops(search, a, b, maxHops);
    }

    @Override
    public Suggested peopleYouMayKnow(int member, int limit) {
        Set<Integer> first = Graphs.neighborSetOf(graph, member);
        Map<Integer, double[]> tally = new HashMap<>();
        for (Integer x : first) {
            double weight = 1.0 / Math.log(Math.max(2, graph.degreeOf(x)));
            for (Integer y : Graphs.neighborListOf(graph, x)) {
                if (y != member && !first.contains(y)) {
                    double[] t = tally.computeIfAbsent(y, k -> new double[2]);
                    t[0] += weight;
                    t[1]++;
                }
            }
        }
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(tally.entrySet());
        ranked.sort((p, q) -> p.getValue()[0] != q.getValue()[0] ? Double.compare(q.getValue()[0], p.getValue()[0])
                : p.getValue()[1] != q.getValue()[1] ? Double.compare(q.getValue()[1], p.getValue()[1])
                : Integer.compare(p.getKey(), q.getKey()));
        int n = Math.min(limit, ranked.size());
        int[] members = new int[n];
        int[] mutual = new int[n];
        int[][] reasons = new int[n][];
        for (int i = 0; i < n; i++) {
            members[i] = ranked.get(i).getKey();
            mutual[i] = (int) ranked.get(i).getValue()[1];
            Set<Integer> shared = Graphs.neighborSetOf(graph, members[i]);
            shared.retainAll(first);
            reasons[i] = shared.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new Suggested(members, mutual, reasons);
    }

    @Override
    public void close() {
        graph = null;
        withinThree = null;
        byRadius.clear();
    }
}
