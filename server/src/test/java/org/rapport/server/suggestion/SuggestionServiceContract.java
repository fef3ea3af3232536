package org.rapport.server.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rapport.server.invitation.IgnoreReason;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** People You May Know (C5, C6) on both databases: candidates, ranking, reasons, exclusions, dismissal. */
abstract class SuggestionServiceContract extends IntegrationContract {

    private static final AtomicInteger TAG = new AtomicInteger();

    @Autowired
    SuggestionService suggestions;
    @Autowired
    ProfileService profiles;

    @Test
    void secondDegreeMembersAreSuggestedWithTheMutualConnectionsNamed() {
        Member me = members.create("Mira");
        Member bo = members.create("Bo", "Alpha");
        Member di = members.create("Di", "Beta");
        Member cy = members.create("Cy");
        connect(me, bo);
        connect(me, di);
        connect(bo, cy);
        connect(di, cy);

        List<Suggestion> list = suggestions.suggest(me.id(), 10);

        assertThat(list).extracting(s -> s.card().member().id()).containsExactly(cy.id());
        Suggestion s = list.get(0);
        assertThat(s.card().degree()).isEqualTo(Degree.SECOND);
        assertThat(s.card().mutualConnectionCount()).isEqualTo(2);
        Reason mutual = s.reasons().get(0);
        assertThat(mutual.kind()).isEqualTo(Reason.Kind.MUTUAL_CONNECTIONS);
        assertThat(mutual.detail()).isEqualTo("2 mutual connections: Bo Alpha and Di Beta");
        assertThat(mutual.members()).extracting(m -> m.id()).containsExactly(bo.id(), di.id());
        // Adamic–Adar: Bo and Di each have 2 connections, so each adds 1 / ln 2.
        assertThat(s.score()).isCloseTo(2 / Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aSharedSmallConnectionOutranksASharedHub() {
        Member me = members.create("Hubless");
        Member hub = members.create("Hub");
        Member friend = members.create("Friend");
        Member viaHub = members.create("ViaHub");
        Member viaFriend = members.create("ViaFriend");
        connect(me, hub);
        connect(me, friend);
        connect(hub, viaHub);
        connect(friend, viaFriend);
        for (int i = 0; i < 6; i++) {
            connect(hub, members.create("Spoke" + i));
        }
        List<Long> ids = suggestions.suggest(me.id(), 20).stream().map(s -> s.card().member().id()).toList();
        assertThat(ids.get(0)).isEqualTo(viaFriend.id());
        assertThat(ids).contains(viaHub.id());
    }

    @Test
    void connectionsOpenOrIgnoredInvitationsAndDismissedMembersAreNeverSuggested() {
        Member me = members.create("Picky");
        Member bridge = members.create("Bridge");
        connect(me, bridge);
        Member invitedByMe = members.create("InvitedByMe");
        Member invitedMe = members.create("InvitedMe");
        Member ignoredMe = members.create("IgnoredMe");
        Member iIgnored = members.create("IIgnored");
        Member dismissed = members.create("Dismissed");
        Member kept = members.create("Kept");
        for (Member m : List.of(invitedByMe, invitedMe, ignoredMe, iIgnored, dismissed, kept)) {
            connect(bridge, m);
        }
        invitations.invite(me.id(), invitedByMe.id(), null);
        invitations.invite(invitedMe.id(), me.id(), null);
        long sent = invitations.invite(me.id(), ignoredMe.id(), null).invitation().id();
        invitations.ignore(ignoredMe.id(), sent, IgnoreReason.DONT_KNOW);
        invitations.withdraw(me.id(), sent);
        long received = invitations.invite(iIgnored.id(), me.id(), null).invitation().id();
        invitations.ignore(me.id(), received, null);
        suggestions.dismiss(me.id(), dismissed.id());
        suggestions.dismiss(me.id(), dismissed.id());

        assertThat(suggestions.suggest(me.id(), 50)).extracting(s -> s.card().member().id())
                .containsExactly(kept.id());
        // And I am not suggested to the member whose invitation I ignored.
        assertThat(suggestions.suggest(iIgnored.id(), 50)).extracting(s -> s.card().member().id())
                .doesNotContain(me.id());
    }

    @Test
    void colleaguesWhoseYearsOverlappedAreSuggestedWithoutMutualConnections() {
        String acme = "Acme " + TAG.incrementAndGet();
        Member me = members.create("Colleague");
        Member overlapped = members.create("Overlapped");
        Member before = members.create("Before");
        Member stranger = members.create("Stranger");
        profiles.update(me.id(), positions(new Position(acme, "Engineer", 2019, 2022)));
        profiles.update(overlapped.id(), positions(new Position(acme, "Designer", 2020, 2021)));
        profiles.update(before.id(), positions(new Position(acme, "Analyst", 2010, 2012)));
        profiles.update(stranger.id(), positions(new Position("Other " + acme, "Analyst", 2019, 2022)));

        List<Suggestion> list = suggestions.suggest(me.id(), 20);

        // Issue 18: someone of the same organisation at another time comes too, after, for what it is
        assertThat(list).extracting(s -> s.card().member().id()).containsExactly(overlapped.id(), before.id());
        Suggestion s = list.get(0);
        assertThat(s.card().degree()).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(s.reasons()).extracting(Reason::kind).containsExactly(Reason.Kind.COMPANY);
        assertThat(s.reasons().get(0).detail()).isEqualTo("Both at " + acme + " 2020–2021");
        assertThat(s.score()).isEqualTo(SuggestionService.WORKED_TOGETHER);
        assertThat(list.get(1).reasons()).extracting(Reason::detail).containsExactly("Both worked at " + acme);
        assertThat(list.get(1).score()).isEqualTo(SuggestionService.SAME_COMPANY);
    }

    /**
     * Issue 18: a member on their first day, with a profile but no connections, gets People You May
     * Know from their organisation (the best-connected first), location and industry, each with its
     * reason; nobody who keeps their profile to their network is suggested for where they work.
     */
    @Test
    void aFirstDayWithAProfileIsNeverEmptyAndEachSuggestionSaysWhy() {
        String tag = "Firstday " + TAG.incrementAndGet() + " " + System.nanoTime();
        Member me = members.create("Newcomer");
        profiles.update(me.id(), new ProfileChanges(null, null, null, "Town " + tag, "Trade " + tag, null,
                List.of(new Position("Org " + tag, "Engineer", 2026, null)), null, null, null, null));
        Member hub = members.create("Hub");
        Member quiet = members.create("Quiet");
        Member hidden = members.create("Hidden");
        for (Member m : List.of(hub, quiet, hidden)) {
            profiles.update(m.id(), positions(new Position("Org " + tag, "Analyst", 2001, 2003)));
        }
        connect(hub, members.create("Friend1"));
        connect(hub, members.create("Friend2"));
        privacy.update(hidden.id(), new org.rapport.server.privacy.PrivacyChanges(null, null, null, null, null, "NETWORK", null));
        Member neighbour = members.create("Neighbour");
        profiles.update(neighbour.id(), new ProfileChanges(null, null, null, "Town " + tag, null, null, null, null, null, null, null));
        Member peer = members.create("Peer");
        profiles.update(peer.id(), new ProfileChanges(null, null, null, null, "Trade " + tag, null, null, null, null, null, null));

        List<Suggestion> list = suggestions.suggest(me.id(), 10);

        assertThat(list).extracting(s -> s.card().member().id())
                .containsExactlyInAnyOrder(hub.id(), quiet.id(), neighbour.id(), peer.id());
        assertThat(list.get(0).card().member().id()).as("the best-connected colleague first").isEqualTo(hub.id());
        assertThat(list).allSatisfy(s -> assertThat(s.reasons()).isNotEmpty());
        assertThat(list).filteredOn(s -> s.card().member().id() == neighbour.id()).singleElement()
                .satisfies(s -> assertThat(s.reasons()).extracting(Reason::detail).containsExactly("Both in Town " + tag));
        assertThat(list).filteredOn(s -> s.card().member().id() == peer.id()).singleElement()
                .satisfies(s -> assertThat(s.reasons()).extracting(Reason::detail).containsExactly("Both in Trade " + tag));
    }

    @Test
    void backgroundAddsReasonsAndRankToSecondDegreeCandidates() {
        String school = "Northbridge " + TAG.incrementAndGet();
        Member me = members.create("Student");
        Member bridge = members.create("Bridge");
        Member classmate = members.create("Classmate");
        Member other = members.create("Other");
        connect(me, bridge);
        connect(bridge, classmate);
        connect(bridge, other);
        profiles.update(me.id(), new ProfileChanges(null, null, null, "Lyon, France", "Biotech", null, null,
                List.of(new Education(school, "MSc", 2010, 2012)), null, null, null));
        profiles.update(classmate.id(), new ProfileChanges(null, null, null, "lyon, france", "Finance", null, null,
                List.of(new Education(school, "BSc", 2013, 2014)), null, null, null));

        List<Suggestion> list = suggestions.suggest(me.id(), 20);

        assertThat(list).extracting(s -> s.card().member().id()).containsExactly(classmate.id(), other.id());
        assertThat(list.get(0).reasons()).extracting(Reason::detail).containsExactly(
                "1 mutual connection: Bridge Test",
                "Both studied at " + school + " around the same time",
                "Both in lyon, france");
        assertThat(list.get(0).score() - list.get(1).score())
                .isCloseTo(SuggestionService.STUDIED_TOGETHER + SuggestionService.SAME_LOCATION,
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void dismissingRefusesYourselfAndUnknownMembers() {
        Member me = members.create("Dismisser");
        assertThatThrownBy(() -> suggestions.dismiss(me.id(), me.id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> suggestions.dismiss(me.id(), 987_654_321L)).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> suggestions.suggest(me.id(), 0)).isInstanceOf(ValidationException.class);
        assertThat(suggestions.suggest(me.id(), 5)).isEmpty();
    }

    private static ProfileChanges positions(Position... positions) {
        return new ProfileChanges(null, null, null, null, null, null, List.of(positions), null, null, null, null);
    }
}
