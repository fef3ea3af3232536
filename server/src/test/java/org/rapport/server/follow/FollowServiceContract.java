package org.rapport.server.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** Following (F1) on both databases: permissions, connections, counts, lists and what ends a follow. */
abstract class FollowServiceContract extends IntegrationContract {

    @Autowired
    FollowService follows;
    @Autowired
    ConnectionService connections;
    @Autowired
    BlockService blocks;
    @Autowired
    NotificationService notifications;

    @Test
    void followingWithoutConnectingNotifiesOnceAndUnfollowingIsHarmless() {
        Member fan = members.create("Fan");
        Member star = members.create("Star");
        follows.follow(fan.id(), star.id());
        follows.follow(fan.id(), star.id());
        assertThat(follows.isFollowing(fan.id(), star.id())).isTrue();
        assertThat(follows.isFollowing(star.id(), fan.id())).isFalse();
        assertThat(follows.counts(star.id())).isEqualTo(new FollowService.Counts(1, 0));
        assertThat(follows.counts(fan.id())).isEqualTo(new FollowService.Counts(0, 1));
        assertThat(notifications.unreadCount(star.id())).as("one new-follower notification").isEqualTo(1);
        follows.unfollow(fan.id(), star.id());
        follows.unfollow(fan.id(), star.id());
        assertThat(follows.isFollowing(fan.id(), star.id())).isFalse();
        assertThat(follows.counts(star.id()).followers()).isZero();
        assertThatThrownBy(() -> follows.follow(fan.id(), fan.id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> follows.follow(fan.id(), 987_654_321L)).isInstanceOf(MemberNotFoundException.class);
    }

    @Test
    void followingAndUnfollowingTwentyTimesNotifiesOnceADay() {
        Member fan = members.create("Flapper");
        Member star = members.create("Flapped");
        Member other = members.create("OtherFan");
        for (int i = 0; i < 20; i++) {
            follows.follow(fan.id(), star.id());
            follows.unfollow(fan.id(), star.id());
        }
        assertThat(notifications.unreadCount(star.id())).as("one new-follower notification for 20 follows").isEqualTo(1);
        follows.follow(other.id(), star.id());
        assertThat(notifications.unreadCount(star.id())).as("another follower is news").isEqualTo(2);

        clock.advance(java.time.Duration.ofHours(23));
        follows.follow(fan.id(), star.id());
        assertThat(notifications.unreadCount(star.id())).as("still within the day").isEqualTo(2);
        follows.unfollow(fan.id(), star.id());
        clock.advance(java.time.Duration.ofHours(2));
        follows.follow(fan.id(), star.id());
        assertThat(notifications.unreadCount(star.id())).as("a day later, once more").isEqualTo(3);
    }

    @Test
    void connectionsFollowEachOtherMayUnfollowAndStopWhenTheConnectionEnds() {
        Member a = members.create("Alpha");
        Member b = members.create("Beta");
        follows.follow(a.id(), b.id());
        connect(a, b);
        assertThat(follows.isFollowing(a.id(), b.id())).isTrue();
        assertThat(follows.isFollowing(b.id(), a.id())).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM follows WHERE follower_id = :a").param("a", a.id()).query(Long.class)
                .single()).as("the follow row gave way to the connection").isZero();
        assertThat(follows.counts(b.id())).isEqualTo(new FollowService.Counts(1, 1));

        follows.unfollow(a.id(), b.id());
        assertThat(follows.isFollowing(a.id(), b.id())).as("still connected, no longer following").isFalse();
        assertThat(follows.isFollowing(b.id(), a.id())).isTrue();
        assertThat(follows.counts(b.id())).isEqualTo(new FollowService.Counts(0, 1));
        assertThat(follows.followerIds(b.id())).doesNotContain(a.id());
        follows.follow(a.id(), b.id());
        assertThat(follows.isFollowing(a.id(), b.id())).isTrue();

        connections.remove(a.id(), b.id());
        assertThat(follows.isFollowing(a.id(), b.id())).as("removing a connection ends following both ways").isFalse();
        assertThat(follows.isFollowing(b.id(), a.id())).isFalse();
    }

    @Test
    void membersWhoAcceptFollowersOnlyFromConnectionsRefuseOthers() {
        Member picky = members.create("Picky");
        Member stranger = members.create("Stranger");
        Member friend = members.create("Friend");
        connect(picky, friend);
        privacy.update(picky.id(), new PrivacyChanges(null, null, null, null, null, null, null, null, "CONNECTIONS"));
        assertThatThrownBy(() -> follows.follow(stranger.id(), picky.id()))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        e -> assertThat(e.detail()).isEqualTo("Picky can be followed only by their connections."));
        follows.unfollow(friend.id(), picky.id());
        follows.follow(friend.id(), picky.id());
        assertThat(follows.isFollowing(friend.id(), picky.id())).isTrue();
    }

    @Test
    void listsShowConnectionsAndFollowersToWhomTheOwnerShowsConnections() {
        Member owner = members.create("Owner");
        Member friend = members.create("Friend");
        Member fan = members.create("Fan");
        Member outsider = members.create("Outsider");
        connect(owner, friend);
        follows.follow(fan.id(), owner.id());

        var list = follows.followers(owner.id(), owner.id(), PageRequest.first(10));
        assertThat(list.total()).isEqualTo(2);
        assertThat(list.items()).extracting(e -> e.member().member().id()).containsExactly(fan.id(), friend.id());
        var page1 = follows.followers(owner.id(), owner.id(), PageRequest.first(1));
        var page2 = follows.followers(owner.id(), owner.id(), new PageRequest(1, page1.nextCursor()));
        assertThat(page1.items().get(0).member().member().id()).isEqualTo(fan.id());
        assertThat(page2.items().get(0).member().member().id()).isEqualTo(friend.id());
        assertThat(page2.nextCursor()).isNull();
        assertThat(follows.following(fan.id(), fan.id(), PageRequest.first(10)).items())
                .extracting(e -> e.member().member().id()).containsExactly(owner.id());

        assertThatThrownBy(() -> follows.followers(outsider.id(), owner.id(), PageRequest.first(10)))
                .isInstanceOf(ForbiddenException.class);
        connectionsVisibility(owner, ConnectionsVisibility.EVERYONE);
        assertThat(follows.followers(outsider.id(), owner.id(), PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void aBlockEndsFollowingBothWaysAndHidesTheLists() {
        Member me = members.create("Blocker");
        Member fan = members.create("Fan");
        follows.follow(fan.id(), me.id());
        follows.follow(me.id(), fan.id());
        blocks.block(me.id(), fan.id());
        assertThat(follows.isFollowing(fan.id(), me.id())).isFalse();
        assertThat(follows.isFollowing(me.id(), fan.id())).isFalse();
        assertThatThrownBy(() -> follows.follow(fan.id(), me.id())).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> follows.followers(fan.id(), me.id(), PageRequest.first(5)))
                .isInstanceOf(MemberNotFoundException.class);
    }
}
