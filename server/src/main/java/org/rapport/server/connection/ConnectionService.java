package org.rapport.server.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.rapport.server.follow.FollowChanged;
import org.rapport.server.follow.FollowRepository;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Lists and removes connections (A6, C2, D3), with the owner's privacy setting applied (I1). */
@Service
public class ConnectionService {

    private final ConnectionRepository connections;
    private final MemberRepository members;
    private final NetworkService network;
    private final GraphIndex index;
    private final TransactionTemplate tx;
    private final BlockService blocks;
    private final FollowRepository follows;
    private final VipRepository vips;
    private final ApplicationEventPublisher events;

    public ConnectionService(ConnectionRepository connections, MemberRepository members, NetworkService network,
                             GraphIndex index, TransactionTemplate tx, BlockService blocks, FollowRepository follows,
            ApplicationEventPublisher events, VipRepository vips) {
        this.vips = vips;
        this.follows = follows;
        this.events = events;
        this.blocks = blocks;
        this.connections = connections;
        this.members = members;
        this.network = network;
        this.index = index;
        this.tx = tx;
    }

    /** Removes a connection silently: the other member is not told (A6). */
    public void remove(long me, long other) {
        tx.executeWithoutResult(status -> {
            if (!connections.delete(me, other)) {
                throw new NotConnectedException();
            }
            follows.clearPair(me, other); // as on LinkedIn: neither follows the other any more
            events.publishEvent(new ConnectionRemoved(me, other));
            vips.deletePair(me, other);
            for (FollowChanged e : FollowChanged.both(me, other, false)) {
                events.publishEvent(e);
            }
            index.reconcileAfterCommit(me, other);
        });
    }

    /**
     * A page of {@code owner}'s connections as {@code viewer} may see them: all of them for the
     * owner and for whom the setting allows; only the shared ones for a 1st-degree connection when
     * the owner keeps the list to themselves; otherwise {@link ConnectionsHiddenException}.
     */
    public Page<Connection> list(long viewer, long owner, ConnectionSort sort, ConnectionFilter filter,
                                 PageRequest page) {
        Member ownerMember = members.findById(owner).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(viewer, owner);
        Long sharedWith = visibleScope(viewer, ownerMember);
        ConnectionRepository.Slice slice = connections.page(owner, sort, filter, sharedWith, page);
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        List<Connection> items = new ArrayList<>(slice.rows().size());
        for (ConnectionRepository.Row row : slice.rows()) {
            // A member hidden from the viewer by a block is left out (the page may then be short).
            if (!hidden.contains(row.member().id())) {
                items.add(new Connection(network.card(viewer, row.member()), row.connectedAt()));
            }
        }
        long total = filter.isEmpty() && sharedWith == null
                ? network.connectionCount(owner)
                : connections.count(owner, filter, sharedWith);
        return new Page<>(items, slice.nextCursor(), total);
    }

    /** Null when the viewer may see every connection; the viewer's id when only shared ones. */
    private Long visibleScope(long viewer, Member owner) {
        if (viewer == owner.id()) {
            return null;
        }
        boolean first = network.areConnected(viewer, owner.id());
        return switch (owner.connectionsVisibility()) {
            case EVERYONE -> null;
            case CONNECTIONS -> {
                if (first) {
                    yield null;
                }
                throw new ConnectionsHiddenException(owner.name());
            }
            case ONLY_ME -> {
                if (first) {
                    yield viewer;
                }
                throw new ConnectionsHiddenException(owner.name());
            }
        };
    }

    /** Whether the viewer may open the owner's full connections list (pages decide what to link). */
    public boolean canSeeAllConnections(long viewer, Member owner) {
        try {
            return visibleScope(viewer, owner) == null;
        } catch (ConnectionsHiddenException e) {
            return false;
        }
    }

    /**
     * The connections the viewer shares with another member (C2), ordered by name: only those whose
     * connection to the other member the viewer may see ({@link NetworkService#mutualIds}), so a
     * member who hides their list is listed only where the other member's list is visible. The
     * total counts the same members.
     */
    public Page<MemberCard> mutual(long viewer, long other, PageRequest page) {
        if (!members.exists(other)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(viewer, other);
        long[] ids = network.mutualIds(viewer, other);
        List<Long> idList = new ArrayList<>(ids.length);
        for (long id : ids) {
            idList.add(id);
        }
        List<MemberSummary> all = new ArrayList<>(members.findSummaries(idList).values());
        all.sort(Comparator.comparing((MemberSummary s) -> Text.key(s.firstName()))
                .thenComparing(s -> Text.key(s.lastName()))
                .thenComparingLong(MemberSummary::id));
        int from = page.cursor() == null ? 0 : (int) Math.min(Integer.MAX_VALUE,
                Cursor.parseLong(Cursor.decode(page.cursor(), "mutual", 1).get(0)));
        if (from < 0) {
            from = 0;
        }
        int to = Math.min(all.size(), from + page.limit());
        List<MemberCard> items = from >= all.size() ? List.of() : network.cards(viewer, all.subList(from, to));
        String next = to < all.size() ? Cursor.encode("mutual", to) : null;
        return new Page<>(items, next, (long) all.size());
    }
}
