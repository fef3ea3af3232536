package org.rapport.server.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.member.Member;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.network.SharedBackground;
import org.rapport.server.notification.Notification;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.suggestion.Reason;
import org.rapport.server.suggestion.Suggestion;
import org.rapport.server.suggestion.SuggestionService;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.springframework.beans.factory.annotation.Autowired;

/** Groups (G3, G4) on both databases: every role × visibility, joining, managing, discussions, purge, network effects. */
abstract class GroupServiceContract extends IntegrationContract {

    @Autowired
    GroupService groups;
    @Autowired
    NetworkService network;
    @Autowired
    SharedBackground background;
    @Autowired
    SuggestionService suggestions;
    @Autowired
    MessagingService messaging;
    @Autowired
    NotificationService notifications;
    @Autowired
    BlockService blocks;
    @Autowired
    ProfileService profiles;

    private static final PageRequest PAGE = PageRequest.first(50);
    private static final ConnectionFilter ALL = ConnectionFilter.none();

    private GroupView create(Member owner, String name, GroupVisibility visibility, boolean listed) {
        return groups.create(owner.id(), new GroupChanges(name, "About " + name, "Be kind", visibility.name(), listed, false));
    }

    /** 0 when the call passes, else the status of the refusal. */
    private static int status(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RapportException e) {
            return e.status();
        }
    }

    @Test
    void everyRoleSeesAndDoesWhatItsRelationAllowsUnderEveryVisibility() {
        for (GroupVisibility visibility : GroupVisibility.values()) {
            for (boolean listed : new boolean[] {true, false}) {
                checkRoles(visibility, listed);
            }
        }
    }

    private void checkRoles(GroupVisibility visibility, boolean listed) {
        String label = visibility + (listed ? " listed" : " unlisted");
        Member owner = members.create("Olive", "Owner");
        Member manager = members.create("Manu", "Manager");
        Member member = members.create("Mia", "Member");
        Member requester = members.create("Rey", "Requester");
        Member banned = members.create("Ben", "Banned");
        Member outsider = members.create("Oscar", "Outsider");
        Member invited = members.create("Ivy", "Invited");
        connect(owner, invited);
        String name = "Guild " + label + " " + System.nanoTime();
        // Set up while listed and members-only (a request needs both), then given its place in the table.
        long id = create(owner, name, GroupVisibility.MEMBERS_ONLY, true).group().id();
        assertThat(groups.join(requester.id(), id)).isEqualTo(Relation.REQUESTED);
        for (Member m : List.of(manager, member, banned)) {
            groups.join(m.id(), id);
            groups.approve(owner.id(), id, m.id());
        }
        groups.setRole(owner.id(), id, manager.id(), "MANAGER");
        groups.ban(manager.id(), id, banned.id());
        groups.invite(owner.id(), id, invited.id());
        long postId = groups.write(member.id(), id, "Hello " + label).id();
        groups.update(owner.id(), id, new GroupChanges(null, null, null, visibility.name(), listed, null));

        Map<Relation, Member> roles = new EnumMap<>(Relation.class);
        roles.put(Relation.OWNER, owner);
        roles.put(Relation.MANAGER, manager);
        roles.put(Relation.MEMBER, member);
        roles.put(Relation.REQUESTED, requester);
        roles.put(Relation.BANNED, banned);
        roles.put(Relation.NONE, outsider);
        roles.put(Relation.INVITED, invited);
        boolean open = visibility == GroupVisibility.PUBLIC;

        for (var e : roles.entrySet()) {
            Relation role = e.getKey();
            long me = e.getValue().id();
            String as = label + " as " + role;
            boolean isMember = role.member();
            boolean hiddenGroup = !listed && (role == Relation.BANNED || role == Relation.NONE);

            assertThat(status(() -> assertThat(groups.view(me, id).relation()).isEqualTo(role)))
                    .as("%s: view", as).isEqualTo(hiddenGroup ? 404 : 0);
            boolean found = groups.search(me, name, false, PAGE).items().stream().anyMatch(g -> g.group().id() == id);
            assertThat(found).as("%s: found by search", as)
                    .isEqualTo(listed ? true : role != Relation.BANNED && role != Relation.NONE);
            assertThat(groups.search(me, null, true, PAGE).items().stream().anyMatch(g -> g.group().id() == id))
                    .as("%s: among my groups", as).isEqualTo(isMember);

            int read = hiddenGroup ? 404 : isMember || (open && role != Relation.BANNED) ? 0 : 403;
            assertThat(status(() -> groups.posts(me, id, false, PAGE))).as("%s: read posts", as).isEqualTo(read);
            assertThat(status(() -> groups.post(me, id, postId))).as("%s: read a post", as).isEqualTo(read);
            assertThat(status(() -> groups.comments(me, id, postId, PAGE))).as("%s: read comments", as).isEqualTo(read);
            assertThat(status(() -> groups.directory(me, id, ALL, PAGE))).as("%s: directory", as).isEqualTo(read);
            if (read == 0) {
                assertThat(groups.posts(me, id, false, PAGE).items()).extracting(GroupPost::text).contains("Hello " + label);
                assertThat(groups.directory(me, id, ALL, PAGE).items()).extracting(m -> m.card().member().id())
                        .containsExactlyInAnyOrder(owner.id(), manager.id(), member.id());
            }
            int write = hiddenGroup ? 404 : isMember ? 0 : 403;
            assertThat(status(() -> groups.write(me, id, "A post by " + role))).as("%s: post", as).isEqualTo(write);
            int comment = hiddenGroup ? 404 : read != 0 ? read : isMember ? 0 : 403;
            assertThat(status(() -> groups.comment(me, id, postId, "A comment"))).as("%s: comment", as).isEqualTo(comment);

            int manage = hiddenGroup ? 404 : role.manages() ? 0 : 403;
            assertThat(status(() -> groups.requests(me, id, ALL, PAGE))).as("%s: requests", as).isEqualTo(manage);
            assertThat(status(() -> groups.posts(me, id, true, PAGE))).as("%s: pending posts", as).isEqualTo(manage);
            assertThat(status(() -> groups.bans(me, id))).as("%s: bans", as).isEqualTo(manage);
            assertThat(status(() -> groups.update(me, id, new GroupChanges(null, "Edited by " + role, null, null, null, null))))
                    .as("%s: edit", as).isEqualTo(manage);
            int own = hiddenGroup ? 404 : role == Relation.OWNER ? 0 : 403;
            assertThat(status(() -> groups.setRole(me, id, member.id(), "MEMBER"))).as("%s: set a role", as).isEqualTo(own);

            // Joining: members stay, the requester still waits, the banned are refused, an outsider
            // joins a public group or asks for a members-only one, the invitee gets in.
            if (role == Relation.BANNED) {
                assertThat(status(() -> groups.join(me, id))).as(as).isEqualTo(hiddenGroup ? 404 : 403);
            }
        }
        if (!listed) {
            assertThat(status(() -> groups.join(outsider.id(), id))).as("an unlisted group is for invitees only").isEqualTo(404);
            groups.update(owner.id(), id, new GroupChanges(null, null, null, null, true, null));
        }
        assertThat(groups.join(outsider.id(), id)).isEqualTo(open ? Relation.MEMBER : Relation.REQUESTED);
        assertThat(groups.join(invited.id(), id)).as("an invitation lets one in").isEqualTo(Relation.MEMBER);
        if (open) {
            assertThat(groups.join(requester.id(), id)).as("a request made while members-only; now public")
                    .isEqualTo(Relation.MEMBER);
            assertThat(groups.requests(manager.id(), id, ALL, PAGE).items()).isEmpty();
        } else {
            assertThat(groups.join(requester.id(), id)).isEqualTo(Relation.REQUESTED);
            assertThat(groups.requests(manager.id(), id, ALL, PAGE).items()).extracting(m -> m.card().member().id())
                    .containsExactlyInAnyOrder(requester.id(), outsider.id());
        }
    }

    @Test
    void aRequestIsApprovedWithNotificationOrDeniedAndABanKeepsTheMemberOut() {
        Member owner = members.create("Greta", "Owner");
        Member ann = members.create("Ann", "Asker");
        Member bob = members.create("Bob", "Asker");
        long id = create(owner, "Closed circle " + System.nanoTime(), GroupVisibility.MEMBERS_ONLY, true).group().id();

        assertThat(groups.join(ann.id(), id)).isEqualTo(Relation.REQUESTED);
        assertThat(groups.join(ann.id(), id)).as("asking twice is harmless").isEqualTo(Relation.REQUESTED);
        assertThat(groups.join(bob.id(), id)).isEqualTo(Relation.REQUESTED);
        assertThat(groups.requests(owner.id(), id, ALL, PAGE).total()).isEqualTo(2);

        groups.approve(owner.id(), id, ann.id());
        assertThat(groups.view(ann.id(), id).relation()).isEqualTo(Relation.MEMBER);
        List<Notification> annNotes = notifications.list(ann.id(), PAGE).items();
        assertThat(annNotes).extracting(Notification::kind).contains(NotificationKind.GROUP_REQUEST_APPROVED);
        assertThat(annNotes.get(0).link()).isEqualTo("/groups/" + id);
        assertThatThrownBy(() -> groups.approve(owner.id(), id, ann.id())).as("no request left")
                .isInstanceOf(RapportException.class).extracting(e -> ((RapportException) e).status()).isEqualTo(404);

        groups.deny(owner.id(), id, bob.id());
        assertThat(groups.view(bob.id(), id).relation()).isEqualTo(Relation.NONE);
        assertThat(groups.join(bob.id(), id)).as("a denied member may ask again").isEqualTo(Relation.REQUESTED);

        groups.ban(owner.id(), id, bob.id());
        assertThat(groups.view(bob.id(), id).relation()).isEqualTo(Relation.BANNED);
        assertThat(groups.requests(owner.id(), id, ALL, PAGE).items()).as("a ban removes the request").isEmpty();
        assertThat(status(() -> groups.join(bob.id(), id))).isEqualTo(403);
        connect(ann, bob);
        assertThat(status(() -> groups.invite(ann.id(), id, bob.id()))).as("nor can they be invited").isEqualTo(409);
        groups.unban(owner.id(), id, bob.id());
        assertThat(groups.join(bob.id(), id)).isEqualTo(Relation.REQUESTED);
    }

    @Test
    void requestsAreFilteredByLocationCompanyIndustryAndSchool() {
        Member owner = members.create("Fay", "Owner");
        Member lisbon = members.create("Lia", "Lisbon");
        Member berlin = members.create("Ben", "Berlin");
        profile(lisbon, "Lisbon", "Banking", "Acme Bank", "Lisbon University");
        profile(berlin, "Berlin", "Software", "Globex", "TU Berlin");
        long id = create(owner, "Filters " + System.nanoTime(), GroupVisibility.MEMBERS_ONLY, true).group().id();
        groups.join(lisbon.id(), id);
        groups.join(berlin.id(), id);

        assertThat(requestIds(owner, id, new ConnectionFilter(null, "lisbon", null, null, null))).containsExactly(lisbon.id());
        assertThat(requestIds(owner, id, new ConnectionFilter(null, null, "globex", null, null))).containsExactly(berlin.id());
        assertThat(requestIds(owner, id, new ConnectionFilter(null, null, null, null, "bank"))).containsExactly(lisbon.id());
        assertThat(requestIds(owner, id, new ConnectionFilter(null, null, null, "TU Berlin", null))).containsExactly(berlin.id());
        assertThat(requestIds(owner, id, new ConnectionFilter(null, "Lisbon", "Globex", null, null))).isEmpty();
        assertThat(requestIds(owner, id, ALL)).containsExactly(lisbon.id(), berlin.id());
    }

    private List<Long> requestIds(Member owner, long id, ConnectionFilter filter) {
        return groups.requests(owner.id(), id, filter, PAGE).items().stream().map(m -> m.card().member().id()).toList();
    }

    private void profile(Member m, String location, String industry, String company, String school) {
        profiles.update(m.id(), new ProfileChanges(null, null, null, location, industry, null,
                List.of(new org.rapport.server.member.Position(company, "Analyst", 2015, null)),
                List.of(new org.rapport.server.member.Education(school, "BSc", 2010, 2014)),
                null, null, null));
    }

    @Test
    void theOwnerTransfersBeforeLeavingAndOnlyTheOwnerManagesManagers() {
        Member owner = members.create("Otto", "Owner");
        Member man = members.create("Mara", "Manager");
        Member man2 = members.create("Milo", "Manager");
        Member mem = members.create("Max", "Member");
        long id = create(owner, "Handover " + System.nanoTime(), GroupVisibility.PUBLIC, true).group().id();
        for (Member m : List.of(man, man2, mem)) {
            assertThat(groups.join(m.id(), id)).isEqualTo(Relation.MEMBER);
        }
        groups.setRole(owner.id(), id, man.id(), "MANAGER");
        groups.setRole(owner.id(), id, man2.id(), "manager");
        assertThat(status(() -> groups.remove(man.id(), id, man2.id()))).as("a manager cannot remove a manager").isEqualTo(403);
        assertThat(status(() -> groups.remove(man.id(), id, owner.id()))).as("nor the owner").isEqualTo(403);
        assertThat(status(() -> groups.setRole(owner.id(), id, mem.id(), "OWNER"))).isEqualTo(400);
        assertThat(status(() -> groups.leave(owner.id(), id))).as("the owner must transfer first").isEqualTo(409);

        groups.transfer(owner.id(), id, man.id());
        assertThat(groups.view(man.id(), id).relation()).isEqualTo(Relation.OWNER);
        assertThat(groups.view(owner.id(), id).relation()).isEqualTo(Relation.MANAGER);
        assertThat(groups.view(owner.id(), id).group().ownerId()).isEqualTo(man.id());
        assertThat(status(() -> groups.transfer(owner.id(), id, mem.id()))).as("no longer the owner").isEqualTo(403);
        groups.leave(owner.id(), id);
        assertThat(groups.view(owner.id(), id).relation()).isEqualTo(Relation.NONE);

        groups.setRole(man.id(), id, man2.id(), "MEMBER");
        groups.remove(man.id(), id, man2.id());
        groups.remove(man.id(), id, mem.id());
        assertThat(groups.directory(man.id(), id, ALL, PAGE).items()).extracting(m -> m.card().member().id())
                .containsExactly(man.id());
        assertThat(groups.join(mem.id(), id)).as("a removed member may join again").isEqualTo(Relation.MEMBER);
    }

    @Autowired
    org.rapport.server.account.AccountService accounts;

    @Test
    void anOwnerWhoDeletesTheirAccountHandsTheirGroupsToAManagerOrAMemberAndEmptyOnesGo() {
        Member owner = members.create("Olga", "Leaving");
        Member early = members.create("Ed", "Early");
        Member manager = members.create("Mia", "Manager");
        Member lone = members.create("Lou", "Alone");
        long managed = create(owner, "Managed " + System.nanoTime(), GroupVisibility.PUBLIC, true).group().id();
        long plain = create(owner, "Plain " + System.nanoTime(), GroupVisibility.MEMBERS_ONLY, true).group().id();
        long empty = create(owner, "Empty " + System.nanoTime(), GroupVisibility.PUBLIC, true).group().id();
        groups.join(early.id(), managed);
        groups.join(manager.id(), managed);
        groups.setRole(owner.id(), managed, manager.id(), "MANAGER");
        connect(owner, lone);
        groups.invite(owner.id(), plain, lone.id());
        assertThat(groups.join(lone.id(), plain)).as("an invitee joins a members-only group").isEqualTo(Relation.MEMBER);

        accounts.delete(owner.id());

        assertThat(groups.view(manager.id(), managed).relation()).as("the manager, though the other member came first")
                .isEqualTo(Relation.OWNER);
        assertThat(groups.view(early.id(), managed).group().ownerId()).isEqualTo(manager.id());
        assertThat(groups.view(lone.id(), plain).relation()).as("no manager: the longest-standing member").isEqualTo(Relation.OWNER);
        assertThat(status(() -> groups.view(lone.id(), empty))).as("a group with nobody left goes").isEqualTo(404);
        assertThat(groups.directory(manager.id(), managed, ALL, PAGE).items()).extracting(m -> m.card().member().id())
                .containsExactlyInAnyOrder(manager.id(), early.id());
    }

    @Test
    void invitationsGoToConnectionsWhoAcceptByJoiningOrDecline() {
        Member owner = members.create("Ines", "Owner");
        Member friend = members.create("Fred", "Friend");
        Member stranger = members.create("Sam", "Stranger");
        Member other = members.create("Olga", "Other");
        connect(owner, friend);
        connect(owner, other);
        long id = create(owner, "Invite only " + System.nanoTime(), GroupVisibility.MEMBERS_ONLY, false).group().id();

        assertThat(status(() -> groups.invite(owner.id(), id, stranger.id()))).as("only connections").isEqualTo(403);
        assertThat(status(() -> groups.invite(stranger.id(), id, owner.id()))).as("an unlisted group is not there for a stranger")
                .isEqualTo(404);
        groups.invite(owner.id(), id, friend.id());
        groups.invite(owner.id(), id, friend.id());
        assertThat(groups.invitations(friend.id())).extracting(v -> v.group().id()).containsExactly(id);
        assertThat(notifications.list(friend.id(), PAGE).items()).extracting(Notification::kind)
                .containsOnlyOnce(NotificationKind.GROUP_INVITATION);
        assertThat(groups.join(friend.id(), id)).isEqualTo(Relation.MEMBER);
        assertThat(groups.invitations(friend.id())).isEmpty();

        groups.invite(owner.id(), id, other.id());
        groups.leave(other.id(), id);
        assertThat(status(() -> groups.view(other.id(), id))).as("declined: the unlisted group is gone for them").isEqualTo(404);
        assertThat(groups.search(other.id(), "Invite only", false, PAGE).items()).as("unlisted again for them").isEmpty();
    }

    @Test
    void postsWaitForApprovalWhenTheGroupAsksAndPendingOnesExpireAfterFourteenDays() {
        Member owner = members.create("Paula", "Owner");
        Member mem = members.create("Pete", "Poster");
        long id = groups.create(owner.id(), new GroupChanges("Moderated " + System.nanoTime(), "", "", "PUBLIC", true, true))
                .group().id();
        groups.join(mem.id(), id);

        GroupPost waiting = groups.write(mem.id(), id, "Please approve me");
        assertThat(waiting.pending()).isTrue();
        assertThat(groups.write(owner.id(), id, "Managers post at once").pending()).isFalse();
        assertThat(groups.posts(mem.id(), id, false, PAGE).items()).extracting(GroupPost::text)
                .containsExactly("Managers post at once");
        assertThat(groups.posts(owner.id(), id, true, PAGE).items()).extracting(GroupPost::id).containsExactly(waiting.id());
        assertThat(notifications.list(owner.id(), PAGE).items()).extracting(Notification::kind)
                .contains(NotificationKind.GROUP_POST_PENDING);
        assertThat(status(() -> groups.comment(owner.id(), id, waiting.id(), "Nice"))).isEqualTo(409);

        groups.approvePost(owner.id(), id, waiting.id());
        assertThat(groups.posts(mem.id(), id, false, PAGE).items()).hasSize(2);
        groups.comment(owner.id(), id, waiting.id(), "Approved, welcome");
        assertThat(groups.comments(mem.id(), id, waiting.id(), PAGE).items()).extracting(GroupComment::text)
                .containsExactly("Approved, welcome");

        // The purge: a post pending 14 days and a minute goes; one pending 13 days stays.
        GroupPost old = groups.write(mem.id(), id, "Forgotten");
        clock.advance(Duration.ofDays(1));
        GroupPost recent = groups.write(mem.id(), id, "Still fresh");
        clock.advance(Duration.ofDays(13).plusMinutes(1));
        assertThat(groups.purgePendingPosts()).isEqualTo(1);
        assertThat(groups.posts(owner.id(), id, true, PAGE).items()).extracting(GroupPost::id).containsExactly(recent.id());
        assertThat(status(() -> groups.post(mem.id(), id, old.id()))).isEqualTo(404);
        assertThat(groups.purgePendingPosts()).isZero();
    }

    @Test
    void fellowGroupMembersAreInNetworkForBadgesPathsAndSuggestionsAndMayRequestToMessage() {
        Member ann = members.create("Ann", "Fellow");
        Member bea = members.create("Bea", "Fellow");
        Member cid = members.create("Cid", "Outside");
        assertThat(network.degree(ann.id(), bea.id())).isEqualTo(Degree.OUT_OF_NETWORK);
        String name = "Alumni Berlin " + System.nanoTime();
        long id = create(ann, name, GroupVisibility.PUBLIC, true).group().id();
        groups.join(bea.id(), id);

        assertThat(network.degree(ann.id(), bea.id())).isEqualTo(Degree.GROUP);
        assertThat(network.degree(bea.id(), ann.id())).isEqualTo(Degree.GROUP);
        assertThat(network.degree(ann.id(), cid.id())).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(groups.directory(ann.id(), id, ALL, PAGE).items()).filteredOn(m -> m.card().member().id() == bea.id())
                .extracting(m -> m.card().degree()).containsExactly(Degree.GROUP);
        assertThat(background.between(ann.id(), bea.id()).groups()).containsExactly(name);

        List<Suggestion> pymk = suggestions.suggest(ann.id(), 20);
        Suggestion forBea = pymk.stream().filter(s -> s.card().member().id() == bea.id()).findFirst().orElseThrow();
        assertThat(forBea.reasons()).extracting(Reason::kind).contains(Reason.Kind.GROUP);
        assertThat(forBea.reasons()).extracting(Reason::detail).contains("Both members of " + name);

        // G2: a fellow group member's message is a request (default setting); not with CONNECTIONS only.
        assertThat(messaging.mayWrite(cid.id(), bea.id())).isFalse();
        var sent = messaging.start(ann.id(), bea.id(), "Hello from the group");
        assertThat(sent.conversation().requestSent()).isTrue();
        privacy.update(bea.id(), new PrivacyChanges(null, null, null, null, null, null, null, null, null, "CONNECTIONS"));
        Member dan = members.create("Dan", "Fellow");
        groups.join(dan.id(), id);
        assertThat(status(() -> messaging.start(dan.id(), bea.id(), "Hi"))).isEqualTo(403);
        privacy.update(bea.id(), new PrivacyChanges(null, null, null, null, null, null, null, null, null, "GROUP_MEMBERS"));
        assertThat(messaging.mayWrite(dan.id(), bea.id())).isTrue();

        groups.leave(bea.id(), id);
        assertThat(network.degree(ann.id(), bea.id())).as("leaving ends it").isEqualTo(Degree.OUT_OF_NETWORK);
    }

    @Test
    void theDirectoryPagesFiltersAndHidesBlockedMembers() {
        Member owner = members.create("Dora", "Directory");
        long id = create(owner, "Directory " + System.nanoTime(), GroupVisibility.PUBLIC, true).group().id();
        List<Member> joined = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Member m = members.create("Member" + i, i % 2 == 0 ? "Even" : "Odd");
            clock.advance(Duration.ofSeconds(1));
            groups.join(m.id(), id);
            joined.add(m);
        }
        connect(owner, joined.get(0));
        connect(owner, joined.get(1));
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = groups.directory(owner.id(), id, ALL, new PageRequest(3, cursor));
            page.items().forEach(m -> seen.add(m.card().member().id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        List<Long> expected = new ArrayList<>();
        for (int i = joined.size() - 1; i >= 0; i--) {
            expected.add(joined.get(i).id());
        }
        expected.add(owner.id());
        assertThat(seen).as("newest first, every member once").containsExactlyElementsOf(expected);
        assertThat(groups.directory(owner.id(), id, ALL, PAGE).total()).isEqualTo(8);
        assertThat(groups.directory(owner.id(), id, new ConnectionFilter("odd", null, null, null, null), PAGE).items())
                .hasSize(3);
        var first = groups.directory(joined.get(1).id(), id, ALL, PAGE).items().stream()
                .filter(m -> m.card().member().id() == joined.get(0).id()).findFirst().orElseThrow();
        assertThat(first.card().degree()).as("through the owner").isEqualTo(Degree.SECOND);
        assertThat(first.card().mutualConnectionCount()).isEqualTo(1);

        blocks.block(joined.get(2).id(), owner.id());
        assertThat(groups.directory(owner.id(), id, ALL, PAGE).items()).extracting(m -> m.card().member().id())
                .doesNotContain(joined.get(2).id());
        assertThat(groups.directory(owner.id(), id, ALL, PAGE).total()).as("nor counted").isEqualTo(7);
        assertThat(groups.directory(joined.get(3).id(), id, ALL, PAGE).total()).isEqualTo(8);
        assertThat(status(() -> groups.directory(owner.id(), id, ALL, new PageRequest(3, "garbage")))).isEqualTo(400);
    }

    @Test
    void inputIsCheckedAndGroupsAreFoundByName() {
        Member owner = members.create("Vera", "Valid");
        assertThatThrownBy(() -> groups.create(owner.id(), new GroupChanges(" ", null, null, "SECRET", null, null)))
                .isInstanceOfSatisfying(org.rapport.server.system.ValidationException.class, e -> {
                    assertThat(e.messageFor("name")).isEqualTo("Give the group a name.");
                    assertThat(e.messageFor("visibility")).isEqualTo("Choose PUBLIC or MEMBERS_ONLY.");
                });
        assertThat(status(() -> groups.create(owner.id(), new GroupChanges("x".repeat(101), null, null, null, null, null))))
                .isEqualTo(400);
        String tag = "Zeta" + System.nanoTime();
        GroupView g = groups.create(owner.id(), new GroupChanges("<b>" + tag + "</b> & friends", null, null, null, null, null));
        assertThat(g.group().name()).as("stored as written").isEqualTo("<b>" + tag + "</b> & friends");
        assertThat(g.group().visibility()).isEqualTo(GroupVisibility.PUBLIC);
        assertThat(g.group().listed()).isTrue();
        assertThat(g.group().memberCount()).isEqualTo(1);
        assertThat(groups.search(owner.id(), tag.toLowerCase(java.util.Locale.ROOT), false, PAGE).items())
                .extracting(v -> v.group().id()).containsExactly(g.group().id());
        assertThat(status(() -> groups.write(owner.id(), g.group().id(), "y".repeat(GroupService.MAX_POST + 1)))).isEqualTo(400);
        assertThat(status(() -> groups.view(owner.id(), Long.MAX_VALUE))).isEqualTo(404);
    }
}
