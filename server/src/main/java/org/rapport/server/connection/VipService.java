package org.rapport.server.connection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * VIPs (F3): up to {@value #MAX} connections a member pins to the top of their connections list
 * and shows on their profile as key connections. The showcase follows the member's connection
 * visibility (I1): who may not see their connections does not see their VIPs either. Removing a
 * connection, or a block, unpins.
 */
@Service
public class VipService {

    public static final int MAX = 10;

    private final VipRepository vips;
    private final MemberRepository members;
    private final NetworkService network;
    private final ConnectionService connections;
    private final BlockService blocks;
    private final TransactionTemplate tx;
    private final Clock clock;

    public VipService(VipRepository vips, MemberRepository members, NetworkService network,
                      ConnectionService connections, BlockService blocks, TransactionTemplate tx, Clock clock) {
        this.vips = vips;
        this.members = members;
        this.network = network;
        this.connections = connections;
        this.blocks = blocks;
        this.tx = tx;
        this.clock = clock;
    }

    /** My VIPs in my order. */
    public List<MemberCard> mine(long me) {
        return network.cardsFor(me, vips.list(me));
    }

    /** {@code member}'s VIPs as {@code viewer} may see them: empty when their connections are hidden from the viewer. */
    public List<MemberCard> showcase(long viewer, long member) {
        Member owner = members.findById(member).orElseThrow(MemberNotFoundException::new);
        if (!connections.canSeeAllConnections(viewer, owner)) {
            return List.of();
        }
        var hidden = blocks.hiddenFrom(viewer);
        return network.cardsFor(viewer, vips.list(member).stream().filter(id -> !hidden.contains(id)).toList());
    }

    /** Replaces my VIPs with {@code ids}, in that order: connections only, at most {@value #MAX}, no repeats. */
    public List<MemberCard> replace(long me, List<Long> ids) {
        LinkedHashSet<Long> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > MAX) {
            throw new ValidationException("memberIds", "Pin at most " + MAX + " VIPs.");
        }
        for (long id : distinct) {
            if (!network.areConnected(me, id)) {
                throw new ValidationException("memberIds", "Only your connections can be your VIPs; member " + id
                        + " is not one.");
            }
        }
        tx.executeWithoutResult(status -> vips.replace(me, new ArrayList<>(distinct), clock.instant()));
        return mine(me);
    }

    /** Pins {@code other} last; 404 for a member who does not exist or is on either side of a block with me. */
    public List<MemberCard> pin(long me, long other) {
        if (!members.exists(other)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(me, other);
        List<Long> now = new ArrayList<>(vips.list(me));
        if (!now.contains(other)) {
            now.add(other);
        }
        return replace(me, now);
    }

    public List<MemberCard> unpin(long me, long other) {
        List<Long> now = new ArrayList<>(vips.list(me));
        now.remove(other);
        return replace(me, now);
    }

    public boolean isVip(long me, long other) {
        return vips.list(me).contains(other);
    }
}
