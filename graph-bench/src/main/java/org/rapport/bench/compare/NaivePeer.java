package org.rapport.bench.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a first version would write: {@code HashMap<Integer, HashSet<Integer>>} adjacency, a plain
 * breadth-first search from one end (with a {@code HashMap} of distances) for degrees and chains,
 * set intersection with {@code contains} for mutual counts, and an exact Adamic–Adar tally in a
 * {@code HashMap} for suggestions (no budget).
 */
final class NaivePeer implements Peer {

    private Map<Integer, Set<Integer>> adjacency;

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public String ranking() {
        return "Adamic–Adar, exact";
    }

    @Override
    public void load(PeerGraph graph) {
        adjacency = new HashMap<>();
        for (int i = 0; i < graph.count(); i++) {
            int a = graph.lo()[i];
            int b = graph.hi()[i];
            adjacency.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            adjacency.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }
    }

    private Set<Integer> neighbours(int member) {
        return adjacency.getOrDefault(member, Set.of());
    }

    /** Hops from {@code a} to {@code b} by BFS from {@code a}, or -1 beyond {@code maxHops}. */
    private int bfs(int a, int b, int maxHops) {
        if (a == b) {
            return 0;
        }
        Map<Integer, Integer> distance = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        distance.put(a, 0);
        queue.add(a);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            int d = distance.get(u);
            if (d == maxHops) {
                continue;
            }
            for (int v : neighbours(u)) {
                if (!distance.containsKey(v)) {
                    if (v == b) {
                        return d + 1;
                    }
                    distance.put(v, d + 1);
                    queue.add(v);
                }
            }
        }
        return -1;
    }

    @Override
    public int degree(int a, int b) {
        int hops = bfs(a, b, 3);
        return hops < 0 ? BEYOND : hops;
    }

    @Override
    public int mutualCount(int a, int b) {
        Set<Integer> small = neighbours(a);
        Set<Integer> large = neighbours(b);
        if (small.size() > large.size()) {
            Set<Integer> t = small;
            small = large;
            large = t;
        }
        int count = 0;
        for (int x : small) {
            if (large.contains(x)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public int secondDegreeCount(int member) {
        Set<Integer> first = neighbours(member);
        Set<Integer> second = new HashSet<>();
        for (int x : first) {
            for (int y : neighbours(x)) {
                if (y != member && !first.contains(y)) {
                    second.add(y);
                }
            }
        }
        return second.size();
    }

    @Override
    public int chainLength(int a, int b, int maxHops) {
        return bfs(a, b, maxHops);
    }

    @Override
    public Suggested peopleYouMayKnow(int member, int limit) {
        Set<Integer> first = neighbours(member);
        Map<Integer, double[]> tally = new HashMap<>();
        for (int x : first) {
            Set<Integer> theirs = neighbours(x);
            double weight = 1.0 / Math.log(Math.max(2, theirs.size()));
            for (int y : theirs) {
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
            Set<Integer> theirs = neighbours(members[i]);
            reasons[i] = first.stream().filter(theirs::contains).mapToInt(Integer::intValue).sorted().toArray();
        }
        return new Suggested(members, mutual, reasons);
    }

    @Override
    public void close() {
        adjacency = null;
    }
}
