package org.rapport.server.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.NetworkSize;
import org.rapport.graph.Suggestions;
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
    private final SharedBackground background;

    public NetworkService(GraphIndex index, MemberRepository members, SharedBackground background) {
        this.index = index;
        this.members = members;
        this.background = background;
    }

    /**
     * The badge degree: from the graph, except that a member beyond the 3rd degree who shares a
     * group with the viewer is {@link Degree#GROUP} (in network, C1). The group check is one
     * indexed query, made only for members the graph puts out of network.
     */
    public Degree degree(long viewer, long other) {
        Degree d = graphDegree(viewer, other);
        if (d == Degree.OUT_OF_NETWORK && background.shareAGroup(viewer, other)) {
            return Degree.GROUP;
        }
        return d;
    }

    /** Whether the two members belong to a common group (G2: fellow group members may message). */
    public boolean shareAGroup(long a, long b) {
        return background.shareAGroup(a, b);
    }

    /** The degree from connections alone (no group check), for scans over many members. */
    public Degree graphDegree(long viewer, long other) {
        return Degree.ofDistance(graph().distance(GraphIndex.vertex(viewer), GraphIndex.vertex(other)));
    }

    /** Whether two members are connected; false for an id no member can have (a negative one, say). */
    public boolean areConnected(long a, long b) {
        return a != b && GraphIndex.inRange(a) && GraphIndex.inRange(b)
                && graph().areConnected(GraphIndex.vertex(a), GraphIndex.vertex(b));
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

    /**
     * Members two hops from {@code me} ranked by the engine (Adamic–Adar over shared connections),
     * at most {@code limit}, skipping those {@code excluded} says; the scan reads at most
     * {@code budget} list entries, so a hub's network cannot stall a page.
     */
    public Suggestions suggest(long me, int limit, java.util.function.LongPredicate excluded, long budget) {
        return graph().suggest(GraphIndex.vertex(me), limit, id -> excluded.test(id), budget);
    }

    public MemberCard card(long viewer, MemberSummary member) {
        return new MemberCard(member, degree(viewer, member.id()), mutualCount(viewer, member.id()));
    }

    /** Cards for a list: the graph's degrees, and one group query for all the out-of-network members together. */
    public List<MemberCard> cards(long viewer, Collection<MemberSummary> summaries) {
        List<Degree> degrees = new ArrayList<>(summaries.size());
        List<Long> outside = new ArrayList<>();
        for (MemberSummary s : summaries) {
            Degree d = graphDegree(viewer, s.id());
            degrees.add(d);
            if (d == Degree.OUT_OF_NETWORK && s.id() != viewer) {
                outside.add(s.id());
            }
        }
        java.util.Set<Long> fellows = background.inAGroupWith(viewer, outside);
        List<MemberCard> cards = new ArrayList<>(summaries.size());
        int i = 0;
        for (MemberSummary s : summaries) {
            Degree d = degrees.get(i++);
            cards.add(new MemberCard(s, fellows.contains(s.id()) ? Degree.GROUP : d, mutualCount(viewer, s.id())));
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
