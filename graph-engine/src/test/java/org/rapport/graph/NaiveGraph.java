package org.rapport.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oracle: the obvious implementation, a {@code Map<Integer, Set<Integer>>} with plain
 * breadth-first search, slow and easy to trust. Tests compare {@link ConnectionGraph} against it.
 */
final class NaiveGraph {

    private final Map<Integer, Set<Integer>> adjacency = new TreeMap<>();

    boolean connect(int a, int b) {
        if (a == b) {
            throw new IllegalArgumentException("self loop " + a);
        }
        boolean added = adjacency.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
        adjacency.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
        return added;
    }

    boolean disconnect(int a, int b) {
        Set<Integer> setA = adjacency.get(a);
        if (setA == null || !setA.remove(b)) {
            return false;
        }
        Set<Integer> setB = adjacency.get(b);
        setB.remove(a);
        if (setA.isEmpty()) {
            adjacency.remove(a);
        }
        if (setB.isEmpty()) {
            adjacency.remove(b);
        }
        return true;
    }

    int removeMember(int member) {
        Set<Integer> own = adjacency.remove(member);
        if (own == null) {
            return 0;
        }
        for (int other : own) {
            Set<Integer> set = adjacency.get(other);
            set.remove(member);
            if (set.isEmpty()) {
                adjacency.remove(other);
            }
        }
        return own.size();
    }

    Set<Integer> neighbours(int member) {
        return adjacency.getOrDefault(member, Set.of());
    }

    int[] neighbourArray(int member) {
        return neighbours(member).stream().mapToInt(Integer::intValue).toArray();
    }

    Set<Integer> members() {
        return adjacency.keySet();
    }

    long edgeCount() {
        return adjacency.values().stream().mapToLong(Set::size).sum() / 2;
    }

    /** Hop distances from {@code source} to every reachable member, by plain BFS. */
    Map<Integer, Integer> distancesFrom(int source) {
        Map<Integer, Integer> distances = new HashMap<>();
        distances.put(source, 0);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(source);
        while (!queue.isEmpty()) {
            int current = queue.poll();
            int next = distances.get(current) + 1;
            for (int neighbour : neighbours(current)) {
                if (!distances.containsKey(neighbour)) {
                    distances.put(neighbour, next);
                    queue.add(neighbour);
                }
            }
        }
        return distances;
    }

    /** Uncapped hop distance, or -1 when unreachable. */
    int exactDistance(int from, int to) {
        return distancesFrom(from).getOrDefault(to, -1);
    }

    /** Distance as {@link ConnectionGraph#distance} reports it: capped at 3. */
    static int capped(int exactDistance) {
        return exactDistance < 0 || exactDistance > Distances.MAX_EXACT ? Distances.BEYOND : exactDistance;
    }

    int[] mutual(int a, int b) {
        Set<Integer> common = new TreeSet<>(neighbours(a));
        common.retainAll(neighbours(b));
        return common.stream().mapToInt(Integer::intValue).toArray();
    }

    NetworkSize networkSize(Map<Integer, Integer> distancesFromMember) {
        long[] counts = new long[4];
        for (int d : distancesFromMember.values()) {
            if (d >= 1 && d <= 3) {
                counts[d]++;
            }
        }
        return new NetworkSize(counts[1], counts[2], counts[3]);
    }

    /** The graph as an edge list, one {@code u v} pair (u &lt; v) per line, for failure messages. */
    String dump() {
        StringBuilder out = new StringBuilder();
        out.append(edgeCount()).append(" edges (u v):\n");
        adjacency.forEach((u, set) -> {
            for (int v : set) {
                if (u < v) {
                    out.append(u).append(' ').append(v).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** Whether {@code path} is a walk along existing connections with no repeated member. */
    boolean isSimplePath(int[] path) {
        for (int i = 1; i < path.length; i++) {
            if (!neighbours(path[i - 1]).contains(path[i])) {
                return false;
            }
        }
        return Arrays.stream(path).distinct().count() == path.length;
    }

    List<int[]> edges() {
        List<int[]> edges = new ArrayList<>();
        adjacency.forEach((u, set) -> {
            for (int v : set) {
                if (u < v) {
                    edges.add(new int[] {u, v});
                }
            }
        });
        return edges;
    }
}
