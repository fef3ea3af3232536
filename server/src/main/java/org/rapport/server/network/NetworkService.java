package org.rapport.server.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.NetworkSize;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.springframework.stereotype.Service;

/** Graph answers about members, from the viewer's side: degree, mutual connections, network size, paths. */
@Service
public class NetworkService {

    /** Longest chain "How you're connected" looks for (C3). */
    public static final int MAX_PATH_HOPS = 6;

    private final GraphIndex index;
    private final MemberRepository members;

    public NetworkService(GraphIndex index, MemberRepository members) {
        this.index = index;
        this.members = members;
    }

    public Degree degree(long viewer, long other) {
        return Degree.ofDistance(graph().distance(GraphIndex.vertex(viewer), GraphIndex.vertex(other)));
    }

    public boolean areConnected(long a, long b) {
        return a != b && graph().areConnected(GraphIndex.vertex(a), GraphIndex.vertex(b));
    }

    public int connectionCount(long member) {
        return graph().connectionCount(GraphIndex.vertex(member));
    }

    public int mutualCount(long viewer, long other) {
        if (viewer == other) {
            return 0;
        }
        return graph().mutualCount(GraphIndex.vertex(viewer), GraphIndex.vertex(other));
    }

    /** Ids of the connections the two members share, ascending. */
    public long[] mutualIds(long viewer, long other) {
        if (viewer == other) {
            return new long[0];
        }
        return widen(graph().mutualConnections(GraphIndex.vertex(viewer), GraphIndex.vertex(other)));
    }

    /** Ids of a member's connections, ascending. */
    public long[] connectionIds(long member) {
        return widen(graph().connectionsOf(GraphIndex.vertex(member)));
    }

    public NetworkSize networkSize(long member) {
        return graph().networkSize(GraphIndex.vertex(member));
    }

    /** The shortest chain from viewer to other, both included; empty when none within six hops. */
    public long[] path(long viewer, long other) {
        return widen(graph().shortestPath(GraphIndex.vertex(viewer), GraphIndex.vertex(other), MAX_PATH_HOPS));
    }

    /** A candidate and how many connections the viewer shares with them. */
    public record Candidate(long memberId, int mutualCount) {
    }

    /**
     * 2nd-degree members ranked by how many connections they share with {@code me}: a plain
     * friends-of-friends count, the first signal People You May Know builds on. Work is bounded:
     * at most {@code budget} neighbour-of-neighbour visits, so a hub's network cannot stall a page.
     */
    public List<Candidate> friendsOfFriends(long me, int limit, java.util.function.LongPredicate exclude) {
        final int budget = 200_000;
        ConnectionGraph g = graph();
        int self = GraphIndex.vertex(me);
        int[] mine = g.connectionsOf(self);
        java.util.HashMap<Integer, int[]> counts = new java.util.HashMap<>();
        int visits = 0;
        for (int friend : mine) {
            for (int fof : g.connectionsOf(friend)) {
                if (++visits > budget) {
                    break;
                }
                if (fof != self && java.util.Arrays.binarySearch(mine, fof) < 0) {
                    counts.computeIfAbsent(fof, k -> new int[1])[0]++;
                }
            }
            if (visits > budget) {
                break;
            }
        }
        return counts.entrySet().stream()
                .filter(e -> !exclude.test(e.getKey()))
                .sorted((x, y) -> x.getValue()[0] != y.getValue()[0]
                        ? Integer.compare(y.getValue()[0], x.getValue()[0])
                        : Integer.compare(x.getKey(), y.getKey()))
                .limit(limit)
                .map(e -> new Candidate(e.getKey(), e.getValue()[0]))
                .toList();
    }

    public MemberCard card(long viewer, MemberSummary member) {
        return new MemberCard(member, degree(viewer, member.id()), mutualCount(viewer, member.id()));
    }

    public List<MemberCard> cards(long viewer, Collection<MemberSummary> summaries) {
        List<MemberCard> cards = new ArrayList<>(summaries.size());
        for (MemberSummary s : summaries) {
            cards.add(card(viewer, s));
        }
        return cards;
    }

    /** Cards for the given ids in their order, skipping members that no longer exist. */
    public List<MemberCard> cardsFor(long viewer, List<Long> ids) {
        return cards(viewer, members.findSummariesInOrder(ids));
    }

    private ConnectionGraph graph() {
        return index.graph();
    }

    private static long[] widen(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
