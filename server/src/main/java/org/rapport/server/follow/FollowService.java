package org.rapport.server.follow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.connection.ConnectionService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.FollowersFrom;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Following (F1). Anyone may follow a member whose setting allows it (everyone, or only their
 * connections). Connections follow each other from the moment they connect, and may unfollow
 * each other while staying connected; removing a connection makes both stop following each
 * other, as LinkedIn does, and so does a block ({@link FollowRepository#clearPair}). Follower and
 * following lists show to whom the member's connection list shows (I1); the counts show to all.
 */
@Service
public class FollowService {

    /** A member on a follower or following list, as the viewer sees them. */
    public record Entry(MemberCard member, Instant since) {
    }

    public record Counts(long followers, long following) {
    }

    private final FollowRepository follows;
    private final MemberRepository members;
    private final NetworkService network;
    private final ConnectionService connections;
    private final PrivacyService privacy;
    private final BlockService blocks;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public FollowService(FollowRepository follows, MemberRepository members, NetworkService network,
                         ConnectionService connections, PrivacyService privacy, BlockService blocks,
                         NotificationService notifications, TransactionTemplate tx, Clock clock,
                         ApplicationEventPublisher events) {
        this.events = events;
        this.follows = follows;
        this.members = members;
        this.network = network;
        this.connections = connections;
        this.privacy = privacy;
        this.blocks = blocks;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    /** Follows {@code other}; following twice is harmless; the member is told at most once a day per follower. */
    public void follow(long me, long other) {
        if (me == other) {
            throw new ValidationException("memberId", "You cannot follow yourself.");
        }
        Member member = members.findById(other).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, other);
        if (privacy.settings(other).followersFrom() == FollowersFrom.CONNECTIONS && !network.areConnected(me, other)) {
            throw new ForbiddenException("follow-not-allowed",
                    member.firstName() + " can be followed only by their connections.");
        }
        tx.executeWithoutResult(status -> {
            boolean connected = network.areConnected(me, other);
            boolean started = connected
                    ? follows.deleteUnfollow(me, other)
                    : follows.insertFollow(me, other, clock.instant());
            if (started) {
                // At most one "new follower" per follower and member a day, however often they re-follow.
                notifications.notifyAtMostOncePer(java.time.Duration.ofDays(1), other, NotificationKind.NEW_FOLLOWER, me);
                events.publishEvent(new FollowChanged(me, other, true, connected));
            }
        });
    }

    /** Stops following {@code other}, connected or not; harmless when not following. */
    public void unfollow(long me, long other) {
        if (me == other) {
            return;
        }
        tx.executeWithoutResult(status -> {
            boolean connected = network.areConnected(me, other);
            boolean stopped = connected
                    ? follows.insertUnfollow(me, other, clock.instant())
                    : follows.deleteFollow(me, other);
            if (stopped) {
                events.publishEvent(new FollowChanged(me, other, false, connected));
            }
        });
    }

    public boolean isFollowing(long me, long other) {
        if (me == other) {
            return false;
        }
        return network.areConnected(me, other) ? !follows.unfollowed(me, other) : follows.followRow(me, other);
    }

    public Counts counts(long member) {
        long connections = network.connectionCount(member);
        return new Counts(connections - follows.unfollowsOf(member) + follows.followRowsTo(member),
                connections - follows.unfollowsBy(member) + follows.followRowsFrom(member));
    }

    /**
     * Everyone who follows {@code author}: connections (from the graph) who did not unfollow, and
     * members following without a connection. For delivering updates.
     */
    public List<Long> followerIds(long author) {
        Set<Long> unfollowers = follows.unfollowersOf(author);
        List<Long> out = new ArrayList<>();
        for (long c : network.connectionIds(author)) {
            if (!unfollowers.contains(c)) {
                out.add(c);
            }
        }
        out.addAll(follows.followRowFollowers(author));
        return out;
    }

    /** Connections of {@code author} who still follow them (the audience of a connections-only update). */
    public List<Long> followingConnectionIds(long author) {
        Set<Long> unfollowers = follows.unfollowersOf(author);
        List<Long> out = new ArrayList<>();
        for (long c : network.connectionIds(author)) {
            if (!unfollowers.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Everyone {@code member} follows: connections not unfollowed and follows without a connection. */
    public List<Long> followedIds(long member) {
        Set<Long> unfollowed = follows.unfollowedBy(member);
        List<Long> out = new ArrayList<>();
        for (long c : network.connectionIds(member)) {
            if (!unfollowed.contains(c)) {
                out.add(c);
            }
        }
        out.addAll(follows.followedWithoutConnection(member));
        return out;
    }

    public Page<Entry> followers(long viewer, long member, PageRequest page) {
        requireListVisible(viewer, member);
        FollowRepository.Slice slice = follows.followers(member, page);
        return new Page<>(entries(viewer, slice), slice.nextCursor(), counts(member).followers());
    }

    public Page<Entry> following(long viewer, long member, PageRequest page) {
        requireListVisible(viewer, member);
        FollowRepository.Slice slice = follows.following(member, page);
        return new Page<>(entries(viewer, slice), slice.nextCursor(), counts(member).following());
    }

    private void requireListVisible(long viewer, long member) {
        Member owner = members.findById(member).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(viewer, member);
        if (!connections.canSeeAllConnections(viewer, owner)) {
            throw new ForbiddenException("follows-hidden", owner.name()
                    + " shares who follows them, and whom they follow, only with the people their settings allow.");
        }
    }

    private List<Entry> entries(long viewer, FollowRepository.Slice slice) {
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        Map<Long, MemberSummary> summaries = members.findSummaries(
                slice.rows().stream().map(FollowRepository.Row::memberId).toList());
        List<Entry> out = new ArrayList<>();
        for (FollowRepository.Row row : slice.rows()) {
            MemberSummary s = summaries.get(row.memberId());
            if (s != null && !hidden.contains(s.id())) {
                out.add(new Entry(network.card(viewer, s), row.since()));
            }
        }
        return out;
    }
}
