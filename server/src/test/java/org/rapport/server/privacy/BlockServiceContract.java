package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.InvitationStatus;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.people.PeopleService;
import org.rapport.server.profileview.ProfileViewRecorder;
import org.rapport.server.profileview.ProfileViewService;
import org.rapport.server.suggestion.SuggestionService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** Blocking (B4) on both databases: what a block takes away, where it hides, and what unblocking does not restore. */
abstract class BlockServiceContract extends IntegrationContract {

    @Autowired
    BlockService blocks;
    @Autowired
    NetworkService network;
    @Autowired
    PeopleService people;
    @Autowired
    ConnectionService connections;
    @Autowired
    SuggestionService suggestions;
    @Autowired
    ProfileViewService views;
    @Autowired
    ProfileViewRecorder recorder;
    @Autowired
    NotificationService notifications;

    @Test
    void blockingDisconnectsCancelsInvitationsAndDropsNotificationsBothWays() {
        Member me = members.create("Blocker");
        Member them = members.create("Blocked");
        Member other = members.create("Other");
        connect(me, them);
        long pending = invitations.invite(other.id(), me.id(), null).invitation().id();
        long before = notifications.unreadCount(me.id());
        assertThat(before).as("them accepted, and another invited me").isEqualTo(2);

        blocks.block(me.id(), them.id());

        assertThat(network.areConnected(me.id(), them.id())).isFalse();
        assertThat(notifications.unreadCount(me.id())).as("the acceptance from them is gone").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :me AND actor_id = :them")
                .param("me", me.id()).param("them", them.id()).query(Long.class).single()).isZero();
        assertThat(invitations.get(other.id(), pending).status()).as("others' invitations are untouched")
                .isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void blockingCancelsAnOpenInvitationEitherWay() {
        Member me = members.create("Blocker");
        Member them = members.create("Inviter");
        long id = invitations.invite(them.id(), me.id(), "hello").invitation().id();
        blocks.block(me.id(), them.id());
        assertThat(jdbc.sql("SELECT status FROM invitations WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("CANCELLED");
        assertThat(invitations.received(me.id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(10)).items())
                .isEmpty();
        assertThat(invitations.sent(them.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void eachIsHiddenFromTheOtherEverywhere() {
        Member me = members.create("Hider", "Unique" + System.nanoTime());
        Member them = members.create("Hidden", "Unique" + System.nanoTime());
        Member friend = members.create("Friend");
        connect(me, friend);
        connect(friend, them);
        connectionsVisibility(friend, ConnectionsVisibility.EVERYONE);
        views.recordView(them.id(), me.id());
        views.recordView(them.id(), friend.id());
        recorder.flush();
        assertThat(suggestions.suggest(me.id(), 10)).extracting(s -> s.card().member().id()).contains(them.id());

        blocks.block(me.id(), them.id());

        for (long[] pair : new long[][] {{me.id(), them.id()}, {them.id(), me.id()}}) {
            long viewer = pair[0];
            long other = pair[1];
            assertThatThrownBy(() -> people.view(viewer, other)).isInstanceOf(MemberNotFoundException.class);
            assertThatThrownBy(() -> people.apiView(viewer, other)).isInstanceOf(MemberNotFoundException.class);
            assertThatThrownBy(() -> connections.list(viewer, other, ConnectionSort.RECENT, ConnectionFilter.none(),
                    PageRequest.first(5))).isInstanceOf(MemberNotFoundException.class);
            assertThatThrownBy(() -> connections.mutual(viewer, other, PageRequest.first(5)))
                    .isInstanceOf(MemberNotFoundException.class);
            assertThatThrownBy(() -> views.alsoViewed(viewer, other, 5)).isInstanceOf(MemberNotFoundException.class);
            assertThatThrownBy(() -> invitations.invite(viewer, other, null)).isInstanceOf(MemberNotFoundException.class);
            assertThat(suggestions.suggest(viewer, 50)).extracting(s -> s.card().member().id()).doesNotContain(other);
            assertThat(connections.list(viewer, friend.id(), ConnectionSort.RECENT, ConnectionFilter.none(),
                    PageRequest.first(50)).items()).extracting(c -> c.member().member().id()).doesNotContain(other);
        }
        assertThat(people.find(me.id(), them.lastName(), 10)).isEmpty();
        assertThat(people.find(them.id(), me.lastName(), 10)).isEmpty();
        assertThat(views.stats(me.id(), 10).recentViewers()).extracting(c -> c.member().id()).doesNotContain(them.id());
        assertThat(views.alsoViewed(me.id(), friend.id(), 10)).extracting(a -> a.card().member().id())
                .doesNotContain(them.id());
    }

    @Test
    void unblockingRestoresVisibilityButNothingElse() {
        Member me = members.create("Forgiver");
        Member them = members.create("Forgiven");
        connect(me, them);
        blocks.block(me.id(), them.id());
        blocks.block(me.id(), them.id());
        assertThat(blocks.blocked(me.id(), PageRequest.first(10)).items()).extracting(b -> b.member().id())
                .containsExactly(them.id());

        blocks.unblock(me.id(), them.id());
        blocks.unblock(me.id(), them.id());

        assertThat(people.view(me.id(), them.id()).degree()).isEqualTo(org.rapport.server.network.Degree.OUT_OF_NETWORK);
        assertThat(network.areConnected(me.id(), them.id())).isFalse();
        assertThat(blocks.blocked(me.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(invitations.invite(them.id(), me.id(), null).connected()).isFalse();
    }

    @Test
    void aBlockedMemberCannotBlockBackAndNobodyBlocksThemselves() {
        Member me = members.create("First");
        Member them = members.create("Second");
        blocks.block(me.id(), them.id());
        assertThatThrownBy(() -> blocks.block(them.id(), me.id())).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> blocks.block(me.id(), me.id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> blocks.block(me.id(), 987_654_321L)).isInstanceOf(MemberNotFoundException.class);
        // Suspended members (issue 17) are hidden from everyone; other tests of this database suspend some.
        java.util.Set<Long> suspended = java.util.Set.copyOf(jdbc.sql(
                "SELECT id FROM members WHERE suspended_until IS NOT NULL").query(Long.class).list());
        assertThat(blocks.hiddenFrom(them.id())).filteredOn(id -> !suspended.contains(id)).containsExactly(me.id());
        assertThat(blocks.hiddenFrom(me.id())).filteredOn(id -> !suspended.contains(id)).containsExactly(them.id());
        List<BlockService.Blocked> theirs = blocks.blocked(them.id(), PageRequest.first(10)).items();
        assertThat(theirs).isEmpty();
    }
}
