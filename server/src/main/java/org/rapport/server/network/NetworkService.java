package org.rapport.server.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.NetworkSize;
import org.rapport.graph.Suggestions;
import org.rapport.server.member.ConnectionsVisibility;
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
    private final ListVisibility lists;

    public NetworkService(GraphIndex index, MemberRepository members, SharedBackground background,
                          ListVisibility lists) {
        this.lists = lists;
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

    /**
     * How many connections the viewer shares with {@code other} that the viewer may know are
     * connected to {@code other}: every shared one when other's list is visible to the viewer,
     * otherwise those that do not keep their own list to themselves (ONLY_ME). This is the count
     * every card shows; it always equals the length of {@link #mutualIds}.
     */
    public int mutualCount(long viewer, long other) {
        if (viewer == other) {
            return 0;
        }
        Set<Long> concealing = lists.concealingConnectionsOf(viewer);
        if (concealing.isEmpty() || listVisible(viewer, other)) {
            return graph().mutualCount(GraphIndex.vertex(viewer), GraphIndex.vertex(other));
        }
        return mutualIds(viewer, other, concealing).length;
    }

    /**
     * The connections the viewer shares with {@code other} whose connection to {@code other} the
     * viewer may see (see {@link #mutualCount}), ascending. What mutual lists, previews and
     * introductions use: a member who hides their list is never named as connected to someone
     * whose list is hidden too.
     */
    public long[] mutualIds(long viewer, long other) {
        if (viewer == other) {
            return new long[0];
        }
        Set<Long> concealing = lists.concealingConnectionsOf(viewer);
        if (concealing.isEmpty() || listVisible(viewer, other)) {
            return allMutualIds(viewer, other);
        }
        return mutualIds(viewer, other, concealing);
    }

    private long[] mutualIds(long viewer, long other, Set<Long> concealing) {
        return Arrays.stream(allMutualIds(viewer, other)).filter(m -> !concealing.contains(m)).toArray();
    }

    /** Every connection the two share, whoever may know it: for the operator's CLI, never shown to members. */
    public long[] allMutualIds(long a, long b) {
        return widen(graph().mutualConnections(GraphIndex.vertex(a), GraphIndex.vertex(b)));
    }

    /**
     * {@link #mutualCount} for one viewer and many members (a search ranking thousands): the
     * viewer's concealing connections are read once, and another member's setting only when one of
     * those is connected to them.
     */
    public java.util.function.LongToIntFunction mutualCounter(long viewer) {
        Set<Long> concealing = lists.concealingConnectionsOf(viewer);
        int me = GraphIndex.vertex(viewer);
        return other -> {
            if (other == viewer) {
                return 0;
            }
            int v = GraphIndex.vertex(other);
            int all = graph().mutualCount(me, v);
            if (all == 0 || concealing.isEmpty()) {
                return all;
            }
            int concealed = 0;
            for (long c : concealing) {
                if (c != other && graph().areConnected(GraphIndex.vertex(c), v)) {
                    concealed++;
                }
            }
            return concealed == 0 || listVisible(viewer, other) ? all : all - concealed;
        };
    }

    /** Whether {@code owner}'s whole connection list is visible to {@code viewer} (I1). */
    public boolean listVisible(long viewer, long owner) {
        ConnectionsVisibility cv = lists.of(List.of(owner)).get(owner);
        return cv != null && cv.showsListTo(viewer == owner, areConnected(viewer, owner));
    }

    /**
     * Whether the connection a–b is visible to the viewer: the viewer is one of the two, or a's or
     * b's list is visible to them.
     */
    public boolean connectionVisible(long viewer, long a, long b) {
        return viewer == a || viewer == b || listVisible(viewer, a) || listVisible(viewer, b);
    }

    /** Ids of a member's connections, ascending. */
    public long[] connectionIds(long member) {
        return widen(graph().connectionsOf(GraphIndex.vertex(member)));
    }

    public NetworkSize networkSize(long member) {
        return graph().networkSize(GraphIndex.vertex(member));
    }

    /** The shortest chain from viewer to other, both included; empty when none within six hops. For the operator's CLI; never shown to members as is. */
    public long[] fullPath(long viewer, long other) {
        return widen(graph().shortestPath(GraphIndex.vertex(viewer), GraphIndex.vertex(other), MAX_PATH_HOPS));
    }

    /**
     * A chain as the viewer may see it: {@code shown} starts with the viewer and ends with the other
     * member; {@code elided} when the chain ran on, between the last two shown, through members
     * the viewer may not see there ("through a connection of" the one before).
     */
    public record Chain(long[] shown, boolean elided) {
        public static final Chain NONE = new Chain(new long[0], false);
    }

    /**
     * The shortest chain from viewer to other (C3), naming only what the viewer may know: a member
     * in the middle is named only when both of the chain's connections at them are visible to the
     * viewer; from the first one that is not, the rest of the chain up to {@code other} is elided.
     */
    public Chain path(long viewer, long other) {
        long[] full = fullPath(viewer, other);
        if (full.length <= 2) {
            return new Chain(full, false);
        }
        List<Long> ids = new ArrayList<>(full.length);
        for (long id : full) {
            ids.add(id);
        }
        Map<Long, ConnectionsVisibility> settings = lists.of(ids);
        int named = 1; // the viewer
        while (named < full.length - 1
                && edgeVisible(viewer, full[named - 1], full[named], settings)
                && edgeVisible(viewer, full[named], full[named + 1], settings)) {
            named++;
        }
        if (named == full.length - 1) {
            return new Chain(full, false);
        }
        long[] shown = Arrays.copyOf(full, named + 1);
        shown[named] = other;
        return new Chain(shown, true);
    }

    private boolean edgeVisible(long viewer, long a, long b, Map<Long, ConnectionsVisibility> settings) {
        return viewer == a || viewer == b || shows(viewer, a, settings) || shows(viewer, b, settings);
    }

    private boolean shows(long viewer, long owner, Map<Long, ConnectionsVisibility> settings) {
        ConnectionsVisibility cv = settings.get(owner);
        return cv != null && cv.showsListTo(viewer == owner, areConnected(viewer, owner));
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

    /** The mutual count of {@link #mutualCount} for many members: one settings query for all of them. */
    private int[] mutualCounts(long viewer, List<Long> others) {
        int[] out = new int[others.size()];
        Set<Long> concealing = lists.concealingConnectionsOf(viewer);
        Map<Long, ConnectionsVisibility> settings = concealing.isEmpty() ? Map.of() : lists.of(others);
        for (int i = 0; i < out.length; i++) {
            long other = others.get(i);
            if (other == viewer) {
                continue;
            }
            out[i] = concealing.isEmpty() || shows(viewer, other, settings)
                    ? graph().mutualCount(GraphIndex.vertex(viewer), GraphIndex.vertex(other))
                    : mutualIds(viewer, other, concealing).length;
        }
        return out;
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
        int[] mutual = mutualCounts(viewer, summaries.stream().map(MemberSummary::id).toList());
        List<MemberCard> cards = new ArrayList<>(summaries.size());
        int i = 0;
        for (MemberSummary s : summaries) {
            Degree d = degrees.get(i);
            cards.add(new MemberCard(s, fellows.contains(s.id()) ? Degree.GROUP : d, mutual[i]));
            i++;
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
