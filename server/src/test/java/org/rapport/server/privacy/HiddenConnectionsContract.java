package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.Connection;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.people.PeopleService;
import org.rapport.server.people.ProfileView;
import org.rapport.server.system.PageRequest;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15, attack 1a: "Who can see my connections: only me" is not defeated by graph answers.
 * Her (H) hides her list and is connected to the attacker A and to X1..X3. A asks every graph
 * question about every X: none names H as connected to an X, and no count counts her.
 */
abstract class HiddenConnectionsContract extends IntegrationContract {

    @Autowired
    ConnectionService connections;
    @Autowired
    NetworkService network;
    @Autowired
    PeopleService people;

    record World(Member her, Member attacker, List<Member> hidden) {
    }

    private World world(ConnectionsVisibility hiddenOnesSetting) {
        Member her = members.create("Her");
        Member attacker = members.create("Attacker");
        connect(attacker, her);
        List<Member> hidden = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Member x = members.create("Hidden" + i);
            connect(her, x);
            connectionsVisibility(x, hiddenOnesSetting);
            hidden.add(x);
        }
        connectionsVisibility(her, ConnectionsVisibility.ONLY_ME);
        return new World(her, attacker, hidden);
    }

    @Test
    void mutualListsAndCountsNeverNameAConnectionWhoseListIsHiddenToAMemberWhoseListIsHiddenToo() {
        World w = world(ConnectionsVisibility.CONNECTIONS);
        for (Member x : w.hidden()) {
            var mutual = connections.mutual(w.attacker().id(), x.id(), PageRequest.first(100));
            assertThat(mutual.items()).as("mutual list with %s", x.firstName()).isEmpty();
            assertThat(mutual.total()).isZero();
            assertThat(network.mutualCount(w.attacker().id(), x.id())).isZero();
            assertThat(network.mutualIds(w.attacker().id(), x.id())).isEmpty();
            assertThat(network.cardsFor(w.attacker().id(), List.of(x.id())).get(0).mutualConnectionCount()).isZero();
            assertThat(network.card(w.attacker().id(), x.summary()).mutualConnectionCount()).isZero();
            ProfileView view = people.view(w.attacker().id(), x.id());
            assertThat(view.mutualConnectionCount()).isZero();
            assertThat(view.mutualPreview()).isEmpty();
        }
    }

    @Test
    void aMutualIsListedWhereTheOtherMembersListIsVisible() {
        World w = world(ConnectionsVisibility.EVERYONE);
        // X shows everyone their list, so "H is connected to X" is X's to tell.
        Member x = w.hidden().get(0);
        var mutual = connections.mutual(w.attacker().id(), x.id(), PageRequest.first(100));
        assertThat(mutual.items()).extracting(c -> c.member().id()).containsExactly(w.her().id());
        assertThat(network.mutualCount(w.attacker().id(), x.id())).isEqualTo(1);
    }

    @Test
    void pathsThroughAHiddenConnectionAreElidedNotNamed() {
        World w = world(ConnectionsVisibility.CONNECTIONS);
        for (Member x : w.hidden()) {
            NetworkService.Chain chain = network.path(w.attacker().id(), x.id());
            assertThat(chain.elided()).isTrue();
            assertThat(chain.shown()).containsExactly(w.attacker().id(), x.id());
            ProfileView view = people.view(w.attacker().id(), x.id());
            assertThat(view.path()).extracting(c -> c.member().id()).doesNotContain(w.her().id());
            assertThat(view.pathElided()).isTrue();
        }
        // With X's list visible, the chain through her may be named.
        Member open = w.hidden().get(1);
        connectionsVisibility(open, ConnectionsVisibility.EVERYONE);
        assertThat(network.path(w.attacker().id(), open.id()).shown())
                .containsExactly(w.attacker().id(), w.her().id(), open.id());
        assertThat(network.path(w.attacker().id(), open.id()).elided()).isFalse();
    }

    @Test
    void theSharedListOfAMemberWhoHidesTheirsLeavesOutConnectionsWhoHideTheirsToo() {
        Member owner = members.create("Owner");
        Member viewer = members.create("Viewer");
        Member her = members.create("Her");
        Member open = members.create("Open");
        connect(owner, viewer);
        connect(owner, her);
        connect(viewer, her);
        connect(owner, open);
        connect(viewer, open);
        connectionsVisibility(owner, ConnectionsVisibility.ONLY_ME);
        connectionsVisibility(her, ConnectionsVisibility.ONLY_ME);
        var page = connections.list(viewer.id(), owner.id(), ConnectionSort.FIRST_NAME, ConnectionFilter.none(),
                PageRequest.first(100));
        assertThat(page.items()).extracting((Connection c) -> c.member().member().id()).containsExactly(open.id());
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void scanningEveryMemberThroughMutualListsAndPathsNeverFindsHer() {
        World w = world(ConnectionsVisibility.ONLY_ME);
        Member other = members.create("Other");
        connect(w.attacker(), other);
        connect(other, w.hidden().get(2));
        long top = w.hidden().get(2).id() + 1;
        for (long id = Math.max(1, w.her().id() - 50); id <= top; id++) {
            if (id == w.attacker().id() || id == w.her().id()) {
                continue;
            }
            long target = id;
            boolean hiddenOne = w.hidden().stream().anyMatch(h -> h.id() == target);
            try {
                for (MemberCard c : connections.mutual(w.attacker().id(), id, PageRequest.first(100)).items()) {
                    assertThat(c.member().id()).as("mutual with %d", id).isNotEqualTo(w.her().id());
                }
            } catch (org.rapport.server.member.MemberNotFoundException gone) {
                continue;
            }
            long[] shown = network.path(w.attacker().id(), id).shown();
            if (hiddenOne) {
                assertThat(shown).as("path to %d", id).doesNotContain(w.her().id());
            }
        }
    }
}
