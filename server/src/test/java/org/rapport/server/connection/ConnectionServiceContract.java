package org.rapport.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** Connection lists, mutual connections, privacy and removal (A6, C1, C2, D3, I1) on both databases. */
abstract class ConnectionServiceContract extends IntegrationContract {

    @Autowired
    ConnectionService connections;
    @Autowired
    NetworkService network;
    @Autowired
    ProfileService profiles;
    @Autowired
    AccountService accounts;
    @Autowired
    NotificationService notifications;

    @Test
    void connectionsSortByRecentFirstNameAndLastNameAndPageStably() {
        Member owner = members.create("Owner");
        String[][] names = {{"Zoë", "Adams"}, {"adam", "Young"}, {"Émile", "Brown"}, {"Bob", "Zeta"}, {"Carla", "émond"}};
        List<Long> order = new ArrayList<>();
        for (String[] n : names) {
            Member m = members.create(n[0], n[1]);
            connect(m, owner);
            order.add(m.id());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(ids(connections.list(owner.id(), owner.id(), ConnectionSort.RECENT, ConnectionFilter.none(),
                PageRequest.first(10)))).containsExactly(order.get(4), order.get(3), order.get(2), order.get(1), order.get(0));
        // Accents and case are folded: adam, Bob, Carla, Émile, Zoë.
        assertThat(names(connections.list(owner.id(), owner.id(), ConnectionSort.FIRST_NAME, ConnectionFilter.none(),
                PageRequest.first(10)))).containsExactly("adam", "Bob", "Carla", "Émile", "Zoë");
        // Adams, Brown, émond, Young, Zeta.
        assertThat(names(connections.list(owner.id(), owner.id(), ConnectionSort.LAST_NAME, ConnectionFilter.none(),
                PageRequest.first(10)))).containsExactly("Zoë", "Émile", "Carla", "adam", "Bob");

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page<Connection> page = connections.list(owner.id(), owner.id(), ConnectionSort.LAST_NAME,
                    ConnectionFilter.none(), new PageRequest(2, cursor));
            assertThat(page.total()).isEqualTo(5);
            paged.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void filtersMatchNameLocationCompanySchoolAndIndustry() {
        Member owner = members.create("Filter", "Owner");
        Member ana = members.create("Ana", "Lima");
        Member ben = members.create("Ben", "Okafor");
        connect(ana, owner);
        connect(ben, owner);
        profiles.update(ana.id(), new ProfileChanges(null, null, "Data engineer", "Lisbon, Portugal", "Software",
                null, List.of(new Position("Acme Analytics", "Engineer", 2019, null)),
                List.of(new Education("Northbridge University", "BSc", 2012, 2015)), null, null, null));
        profiles.update(ben.id(), new ProfileChanges(null, null, "Nurse", "Lagos, Nigeria", "Health care",
                null, List.of(new Position("Evergreen Hospital", "Nurse", 2018, null)), null, null, null, null));

        assertThat(filtered(owner, new ConnectionFilter("lima", null, null, null, null))).containsExactly(ana.id());
        assertThat(filtered(owner, new ConnectionFilter("ENGINEER", null, null, null, null))).containsExactly(ana.id());
        assertThat(filtered(owner, new ConnectionFilter(null, "lagos", null, null, null))).containsExactly(ben.id());
        assertThat(filtered(owner, new ConnectionFilter(null, null, "acme", null, null))).containsExactly(ana.id());
        assertThat(filtered(owner, new ConnectionFilter(null, null, null, "northbridge", null))).containsExactly(ana.id());
        assertThat(filtered(owner, new ConnectionFilter(null, null, null, null, "health"))).containsExactly(ben.id());
        assertThat(filtered(owner, new ConnectionFilter("100%_", null, null, null, null))).as("LIKE wildcards are literal").isEmpty();
        assertThat(connections.list(owner.id(), owner.id(), ConnectionSort.RECENT,
                new ConnectionFilter(null, null, "acme", null, null), PageRequest.first(10)).total()).isEqualTo(1);
    }

    @Test
    void connectionsVisibleToConnectionsByDefaultAndHiddenFromOthers() {
        Member owner = members.create("Private");
        Member friend = members.create("Friend");
        Member stranger = members.create("Stranger");
        connect(owner, friend);
        assertThat(ids(list(friend, owner))).containsExactly(friend.id());
        assertThatThrownBy(() -> list(stranger, owner)).isInstanceOf(ConnectionsHiddenException.class)
                .satisfies(e -> assertThat(((ConnectionsHiddenException) e).status()).isEqualTo(403));

        connectionsVisibility(owner, ConnectionsVisibility.EVERYONE);
        assertThat(ids(list(stranger, owner))).containsExactly(friend.id());
    }

    @Test
    void onlyMeShowsConnectionsOnlyTheirSharedOnes() {
        Member owner = members.create("Secret");
        Member friend = members.create("Friend");
        Member shared = members.create("Shared");
        Member other = members.create("Other");
        connect(owner, friend);
        connect(owner, shared);
        connect(owner, other);
        connect(friend, shared);
        connectionsVisibility(owner, ConnectionsVisibility.ONLY_ME);

        assertThat(ids(list(owner, owner))).containsExactlyInAnyOrder(friend.id(), shared.id(), other.id());
        assertThat(ids(list(friend, owner))).containsExactly(shared.id());
        assertThat(list(friend, owner).total()).isEqualTo(1);
        assertThatThrownBy(() -> list(members.create("Stranger"), owner)).isInstanceOf(ConnectionsHiddenException.class);
    }

    @Test
    void mutualConnectionsAreListedByNameWithCount() {
        Member me = members.create("Me");
        Member them = members.create("Them");
        Member zed = members.create("Zed", "One");
        Member amy = members.create("Amy", "Two");
        Member onlyMine = members.create("Only", "Mine");
        for (Member m : List.of(zed, amy)) {
            connect(me, m);
            connect(them, m);
        }
        connect(me, onlyMine);

        Page<MemberCard> mutual = connections.mutual(me.id(), them.id(), PageRequest.first(1));
        assertThat(mutual.total()).isEqualTo(2);
        assertThat(mutual.items()).extracting(c -> c.member().id()).containsExactly(amy.id());
        assertThat(mutual.items().get(0).degree()).isEqualTo(Degree.FIRST);
        Page<MemberCard> rest = connections.mutual(me.id(), them.id(), new PageRequest(1, mutual.nextCursor()));
        assertThat(rest.items()).extracting(c -> c.member().id()).containsExactly(zed.id());
        assertThat(rest.nextCursor()).isNull();
        assertThat(network.mutualCount(me.id(), them.id())).isEqualTo(2);
        assertThat(network.degree(me.id(), them.id())).isEqualTo(Degree.SECOND);
    }

    @Test
    void removeIsSilentAndDegreesFollow() {
        Member a = members.create("A");
        Member b = members.create("B");
        Member c = members.create("C");
        connect(a, b);
        connect(b, c);
        long notificationsOfA = notifications.list(a.id(), PageRequest.first(100)).total();
        long notificationsOfB = notifications.list(b.id(), PageRequest.first(100)).total();
        assertThat(network.degree(a.id(), c.id())).isEqualTo(Degree.SECOND);

        connections.remove(b.id(), a.id());

        assertThat(network.degree(a.id(), b.id())).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(network.degree(a.id(), c.id())).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(notifications.list(a.id(), PageRequest.first(100)).total()).as("a is not told")
                .isEqualTo(notificationsOfA);
        assertThat(notifications.list(b.id(), PageRequest.first(100)).total()).isEqualTo(notificationsOfB);
        assertThatThrownBy(() -> connections.remove(b.id(), a.id())).isInstanceOf(NotConnectedException.class);
        // They can connect again later.
        connect(a, b);
        assertThat(network.degree(a.id(), b.id())).isEqualTo(Degree.FIRST);
    }

    @Test
    void degreesAreCappedAtThree() {
        List<Member> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chain.add(members.create("Chain" + i));
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            connect(chain.get(i), chain.get(i + 1));
        }
        Member start = chain.get(0);
        assertThat(network.degree(start.id(), start.id())).isEqualTo(Degree.SELF);
        assertThat(network.degree(start.id(), chain.get(1).id())).isEqualTo(Degree.FIRST);
        assertThat(network.degree(start.id(), chain.get(2).id())).isEqualTo(Degree.SECOND);
        assertThat(network.degree(start.id(), chain.get(3).id())).isEqualTo(Degree.THIRD);
        assertThat(network.degree(start.id(), chain.get(4).id())).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(network.fullPath(start.id(), chain.get(4).id())).hasSize(5);
        var size = network.networkSize(start.id());
        assertThat(size.first()).isEqualTo(1);
        assertThat(size.second()).isEqualTo(1);
        assertThat(size.third()).isEqualTo(1);
    }

    @Test
    void badCursorIsAValidationError() {
        Member owner = members.create("Cursor");
        assertThatThrownBy(() -> connections.list(owner.id(), owner.id(), ConnectionSort.RECENT,
                ConnectionFilter.none(), new PageRequest(5, "not-a-cursor"))).isInstanceOf(ValidationException.class);
    }

    private Page<Connection> list(Member viewer, Member owner) {
        return connections.list(viewer.id(), owner.id(), ConnectionSort.RECENT, ConnectionFilter.none(),
                PageRequest.first(50));
    }

    private List<Long> filtered(Member owner, ConnectionFilter filter) {
        return ids(connections.list(owner.id(), owner.id(), ConnectionSort.FIRST_NAME, filter, PageRequest.first(50)));
    }

    private static List<Long> ids(Page<Connection> page) {
        return page.items().stream().map(c -> c.member().member().id()).toList();
    }

    private static List<String> names(Page<Connection> page) {
        return page.items().stream().map(c -> c.member().member().firstName()).toList();
    }
}
