package org.rapport.server.credibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.ReceivedInvitation;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.notification.Notification;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.ConflictException;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credibility (H1–H3) on both databases: endorsements and recommendations need a connection and
 * vanish with it (and with a block), opt-out and hiding, the recommendation approval flow and who
 * sees what, and the rules of introductions.
 */
abstract class CredibilityServiceContract extends IntegrationContract {

    @Autowired
    EndorsementService endorsements;
    @Autowired
    RecommendationService recommendations;
    @Autowired
    IntroductionService introductions;
    @Autowired
    ProfileService profiles;
    @Autowired
    ConnectionService connections;
    @Autowired
    BlockService blocks;
    @Autowired
    NotificationService notifications;
    @Autowired
    org.rapport.server.network.NetworkService networkService;

    private Member withSkills(String name, String... skills) {
        Member m = members.create(name, "Cred");
        profiles.update(m.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position("Acme", "Engineer", 2018, null), new Position("Initech", "Intern", 2016, 2017)),
                null, List.of(skills), null, null));
        return m;
    }

    private Endorsements.Skill skill(long viewer, Member owner, String name) {
        return endorsements.view(viewer, owner.id()).skills().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private List<NotificationKind> kinds(Member m) {
        return notifications.list(m.id(), PageRequest.first(50)).items().stream().map(Notification::kind).toList();
    }

    // ---- H1 endorsements -------------------------------------------------------------------

    @Test
    void onlyConnectionsEndorseAndEndorsementsVanishWithTheConnection() {
        Member ann = withSkills("Ann", "Java", "SQL");
        Member bob = members.create("Bob", "Cred");
        Member eve = members.create("Eve", "Cred");
        assertThatThrownBy(() -> endorsements.endorse(bob.id(), ann.id(), "Java"))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-connected"));
        connect(ann, bob);
        connect(ann, eve);
        endorsements.endorse(bob.id(), ann.id(), "java"); // any spelling of a listed skill
        endorsements.endorse(bob.id(), ann.id(), "Java"); // twice is harmless
        endorsements.endorse(eve.id(), ann.id(), "Java");
        assertThat(skill(ann.id(), ann, "Java").count()).isEqualTo(2);
        assertThat(skill(ann.id(), ann, "SQL").count()).isZero();
        assertThat(skill(bob.id(), ann, "Java").endorsedByViewer()).isTrue();
        assertThat(kinds(ann)).contains(NotificationKind.SKILL_ENDORSED);
        assertThatThrownBy(() -> endorsements.endorse(bob.id(), ann.id(), "Cobol"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> endorsements.endorse(ann.id(), ann.id(), "Java"))
                .isInstanceOf(ValidationException.class);

        connections.remove(bob.id(), ann.id());
        assertThat(skill(ann.id(), ann, "Java").count()).as("Bob's endorsement went with the connection").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM endorsements WHERE endorser_id = :b").param("b", bob.id())
                .query(Long.class).single()).isZero();
        connect(ann, bob);
        assertThat(skill(ann.id(), ann, "Java").count()).as("reconnecting restores nothing").isEqualTo(1);
    }

    @Test
    void aBlockDeletesEndorsementsAndRecommendationsBothWays() {
        Member ann = withSkills("Ann", "Java");
        Member bob = withSkills("Bob", "Go");
        connect(ann, bob);
        endorsements.endorse(bob.id(), ann.id(), "Java");
        endorsements.endorse(ann.id(), bob.id(), "Go");
        recommendations.write(bob.id(), ann.id(), 0, "Ann is great.");
        recommendations.request(bob.id(), ann.id(), 0, "Would you?");
        blocks.block(ann.id(), bob.id());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM endorsements WHERE member_id IN (:a, :b) AND endorser_id IN (:a, :b)""")
                .param("a", ann.id()).param("b", bob.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM recommendations WHERE author_id IN (:a, :b)")
                .param("a", ann.id()).param("b", bob.id()).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> endorsements.view(bob.id(), ann.id())).isInstanceOf(MemberNotFoundException.class);
    }

    @Test
    void optingOutStopsEndorsementsAndHidesThemFromOthersAndOneCanBeHidden() {
        Member ann = withSkills("Ann", "Java");
        Member bob = members.create("Bob", "Cred");
        Member cid = members.create("Cid", "Cred");
        connect(ann, bob);
        connect(ann, cid);
        endorsements.endorse(bob.id(), ann.id(), "Java");
        endorsements.endorse(cid.id(), ann.id(), "Java");

        endorsements.setHidden(ann.id(), bob.id(), "Java", true);
        assertThat(skill(cid.id(), ann, "Java").count()).as("others do not count a hidden one").isEqualTo(1);
        assertThat(skill(cid.id(), ann, "Java").endorsers()).extracting(e -> e.card().member().id())
                .containsExactly(cid.id());
        Endorsements.Skill own = skill(ann.id(), ann, "Java");
        assertThat(own.count()).isEqualTo(2);
        assertThat(own.endorsers()).filteredOn(Endorsements.Endorser::hidden)
                .extracting(e -> e.card().member().id()).containsExactly(bob.id());
        assertThatThrownBy(() -> endorsements.setHidden(ann.id(), members.create("Nobody").id(), "Java", true))
                .hasMessageContaining("no such endorsement");
        endorsements.setHidden(ann.id(), bob.id(), "Java", false);
        assertThat(skill(cid.id(), ann, "Java").count()).isEqualTo(2);

        endorsements.setAccepting(ann.id(), false);
        assertThat(endorsements.view(cid.id(), ann.id()).skills()).as("shown to nobody else").isEmpty();
        assertThat(endorsements.view(cid.id(), ann.id()).mayEndorse()).isFalse();
        assertThat(skill(ann.id(), ann, "Java").count()).as("kept for their owner").isEqualTo(2);
        Member dan = members.create("Dan", "Cred");
        connect(ann, dan);
        assertThatThrownBy(() -> endorsements.endorse(dan.id(), ann.id(), "Java"))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("endorsements-off"));
        endorsements.setAccepting(ann.id(), true);
        assertThat(skill(cid.id(), ann, "Java").count()).isEqualTo(2);
    }

    @Test
    void endorsersAreNamedAsTheConnectionsSettingAllows() {
        Member ann = withSkills("Ann", "Java");
        Member bob = members.create("Bob", "Cred");
        Member cid = members.create("Cid", "Cred");
        Member viewer = members.create("Vic", "Cred");
        connect(ann, bob);
        connect(ann, cid);
        connect(viewer, bob);
        endorsements.endorse(bob.id(), ann.id(), "Java");
        endorsements.endorse(cid.id(), ann.id(), "Java");
        assertThat(network(viewer, ann)).isEqualTo(Degree.SECOND);

        connectionsVisibility(ann, ConnectionsVisibility.EVERYONE);
        assertThat(skill(viewer.id(), ann, "Java").endorsers()).hasSize(2);
        connectionsVisibility(ann, ConnectionsVisibility.CONNECTIONS);
        Endorsements.Skill seen = skill(viewer.id(), ann, "Java");
        assertThat(seen.count()).isEqualTo(2);
        assertThat(seen.endorsers()).as("only my own connections among them")
                .extracting(e -> e.card().member().id()).containsExactly(bob.id());
        assertThat(seen.complete()).isFalse();

        // Out of network, with the profile kept to the network: no skills at all.
        Member stranger = members.create("Stan", "Cred");
        privacy.update(ann.id(), new PrivacyChanges(null, null, null, null, null, "NETWORK", null));
        assertThat(endorsements.view(stranger.id(), ann.id()).skills()).isEmpty();
    }

    private Degree network(Member viewer, Member other) {
        return networkService.degree(viewer.id(), other.id());
    }

    // ---- H2 recommendations ----------------------------------------------------------------

    @Test
    void aRequestedRecommendationShowsOnlyOnceApprovedAndCanBeHiddenOrSentBack() {
        Member ann = withSkills("Ann", "Java");
        Member bob = withSkills("Bob", "Go");
        Member other = members.create("Olga", "Cred");
        connect(ann, bob);
        connect(other, ann);

        Recommendation asked = recommendations.request(ann.id(), bob.id(), 1, "About my internship?");
        assertThat(asked.status()).isEqualTo(RecommendationStatus.REQUESTED);
        assertThat(asked.company()).isEqualTo("Initech");
        assertThat(kinds(bob)).contains(NotificationKind.RECOMMENDATION_REQUESTED);
        assertThat(recommendations.requests(bob.id(), PageRequest.first(10)).items())
                .extracting(i -> i.recommendation().id()).containsExactly(asked.id());
        assertThatThrownBy(() -> recommendations.request(ann.id(), bob.id(), 0, "again"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> recommendations.approve(ann.id(), asked.id()))
                .as("nothing written yet").isInstanceOf(ConflictException.class);

        Recommendation written = recommendations.write(bob.id(), ann.id(), null, "Ann <b>shipped</b> everything.");
        assertThat(written.id()).isEqualTo(asked.id());
        assertThat(written.status()).isEqualTo(RecommendationStatus.PENDING);
        assertThat(written.text()).as("stored as written, escaped when shown").isEqualTo("Ann <b>shipped</b> everything.");
        assertThat(kinds(ann)).contains(NotificationKind.RECOMMENDATION_RECEIVED);
        assertThat(recommendations.shown(other.id(), ann.id(), PageRequest.first(10)).items()).as("not approved").isEmpty();
        assertThatThrownBy(() -> recommendations.approve(bob.id(), asked.id()))
                .as("only the recipient approves").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> recommendations.approve(other.id(), asked.id()))
                .as("a third member does not know it").isInstanceOf(org.rapport.server.system.NotFoundException.class);

        recommendations.approve(ann.id(), asked.id());
        assertThat(recommendations.shown(other.id(), ann.id(), PageRequest.first(10)).items())
                .extracting(i -> i.recommendation().text()).containsExactly("Ann <b>shipped</b> everything.");

        recommendations.hide(ann.id(), asked.id());
        assertThat(recommendations.shown(other.id(), ann.id(), PageRequest.first(10)).items()).isEmpty();
        recommendations.show(ann.id(), asked.id());
        assertThat(recommendations.shown(other.id(), ann.id(), PageRequest.first(10)).items()).hasSize(1);

        Recommendation sentBack = recommendations.askRevision(ann.id(), asked.id(), "Mention the database work.");
        assertThat(sentBack.status()).isEqualTo(RecommendationStatus.REVISION);
        assertThat(sentBack.revisionNote()).isEqualTo("Mention the database work.");
        assertThat(kinds(bob)).contains(NotificationKind.RECOMMENDATION_REVISION);
        assertThat(recommendations.shown(other.id(), ann.id(), PageRequest.first(10)).items()).isEmpty();
        Recommendation revised = recommendations.edit(bob.id(), asked.id(), null, "Ann shipped the database too.");
        assertThat(revised.status()).isEqualTo(RecommendationStatus.PENDING);
        recommendations.approve(ann.id(), asked.id());
        assertThat(recommendations.given(bob.id(), PageRequest.first(10)).items())
                .extracting(i -> i.recommendation().status()).containsExactly(RecommendationStatus.APPROVED);
    }

    @Test
    void recommendationsNeedAConnectionAndVanishWithIt() {
        Member ann = withSkills("Ann", "Java");
        Member bob = members.create("Bob", "Cred");
        assertThatThrownBy(() -> recommendations.write(bob.id(), ann.id(), 0, "Great"))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-connected"));
        assertThatThrownBy(() -> recommendations.request(ann.id(), bob.id(), 0, null))
                .isInstanceOf(ForbiddenException.class);
        connect(ann, bob);
        assertThatThrownBy(() -> recommendations.write(bob.id(), ann.id(), 0, "x".repeat(3001)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> recommendations.write(bob.id(), ann.id(), 7, "Great"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> recommendations.request(bob.id(), ann.id(), 0, null))
                .as("Bob has no position to be recommended for").isInstanceOf(ValidationException.class);
        long id = recommendations.write(bob.id(), ann.id(), 0, "Great").id();
        recommendations.approve(ann.id(), id);
        connections.remove(ann.id(), bob.id());
        assertThat(recommendations.shown(ann.id(), ann.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(recommendations.received(ann.id(), null, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void outOfNetworkViewersSeeNoRecommendationsWhenTheProfileIsKeptToTheNetwork() {
        Member ann = withSkills("Ann", "Java");
        Member bob = members.create("Bob", "Cred");
        Member stranger = members.create("Stan", "Cred");
        connect(ann, bob);
        recommendations.approve(ann.id(), recommendations.write(bob.id(), ann.id(), 0, "Great").id());
        assertThat(recommendations.shown(stranger.id(), ann.id(), PageRequest.first(10)).items()).hasSize(1);
        privacy.update(ann.id(), new PrivacyChanges(null, null, null, null, null, "NETWORK", null));
        assertThat(recommendations.shown(stranger.id(), ann.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(recommendations.shown(bob.id(), ann.id(), PageRequest.first(10)).items()).hasSize(1);
    }

    // ---- H3 introductions ------------------------------------------------------------------

    /** A - B - C: A and C are 2nd degree through B. */
    private Member[] chain(String tag) {
        Member a = members.create("Asker" + tag, "Cred");
        Member b = members.create("Bridge" + tag, "Cred");
        Member c = members.create("Target" + tag, "Cred");
        connect(a, b);
        connect(b, c);
        return new Member[] {a, b, c};
    }

    @Test
    void forwardingSendsARealInvitationMarkedIntroducedByAndAcceptingConnects() {
        Member[] m = chain("F");
        Member a = m[0], b = m[1], c = m[2];
        Introduction asked = introductions.request(a.id(), b.id(), c.id(), "We both build compilers.");
        assertThat(asked.status()).isEqualTo(IntroductionStatus.PENDING);
        assertThat(kinds(b)).contains(NotificationKind.INTRODUCTION_REQUESTED);
        assertThat(introductions.toMake(b.id(), PageRequest.first(10)).items()).hasSize(1);
        assertThatThrownBy(() -> introductions.forward(a.id(), asked.id(), null))
                .as("only the intermediary forwards").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> introductions.get(c.id(), asked.id()))
                .isInstanceOf(org.rapport.server.system.NotFoundException.class);

        Introduction forwarded = introductions.forward(b.id(), asked.id(), "Ann is the best compiler person I know.");
        assertThat(forwarded.status()).isEqualTo(IntroductionStatus.FORWARDED);
        assertThat(forwarded.invitationId()).isNotNull();
        assertThat(kinds(a)).contains(NotificationKind.INTRODUCTION_FORWARDED);
        assertThat(kinds(c)).contains(NotificationKind.INVITATION_RECEIVED);
        List<ReceivedInvitation> received = invitations.received(c.id(), InvitationRepository.ReceivedView.ACTIVE,
                PageRequest.first(10)).items();
        assertThat(received).hasSize(1);
        ReceivedInvitation inv = received.get(0);
        assertThat(inv.invitation().id()).isEqualTo(forwarded.invitationId());
        assertThat(inv.sender().member().id()).isEqualTo(a.id());
        assertThat(inv.invitation().note()).isEqualTo("We both build compilers.");
        assertThat(inv.introducedBy().introducer().member().id()).isEqualTo(b.id());
        assertThat(inv.introducedBy().note()).isEqualTo("Ann is the best compiler person I know.");
        assertThatThrownBy(() -> introductions.forward(b.id(), asked.id(), null)).isInstanceOf(ConflictException.class);

        invitations.accept(c.id(), inv.invitation().id());
        assertThat(index.graph().areConnected((int) a.id(), (int) c.id())).isTrue();
    }

    @Test
    void introductionRulesRefuseWhatIsNotAnIntroduction() {
        Member[] m = chain("R");
        Member a = m[0], b = m[1], c = m[2];
        Member loner = members.create("Loner", "Cred");
        connect(a, loner);
        assertThatThrownBy(() -> introductions.request(a.id(), loner.id(), c.id(), "Hi"))
                .as("the intermediary is not connected to the target")
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-mutual"));
        Member notMine = members.create("NotMine", "Cred");
        connect(notMine, c);
        assertThatThrownBy(() -> introductions.request(a.id(), notMine.id(), c.id(), "Hi"))
                .as("the intermediary is not my connection")
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-connected"));
        connect(loner, b);
        assertThatThrownBy(() -> introductions.request(a.id(), loner.id(), b.id(), "Hi"))
                .as("already my 1st degree").isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.type()).isEqualTo("already-connected"));
        assertThatThrownBy(() -> introductions.request(a.id(), b.id(), c.id(), "  "))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> introductions.request(a.id(), b.id(), c.id(), "x".repeat(301)))
                .isInstanceOf(ValidationException.class);
        introductions.request(a.id(), b.id(), c.id(), "Hi");
        assertThatThrownBy(() -> introductions.request(a.id(), b.id(), c.id(), "Hi again"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.type()).isEqualTo("introduction-pending"));
        assertThat(jdbc.sql("SELECT count(*) FROM introductions WHERE requester_id = :a").param("a", a.id())
                .query(Long.class).single()).as("refusals wrote nothing").isEqualTo(1);
    }

    @Test
    void theIntermediaryMayDeclineAndTheRequesterIsTold() {
        Member[] m = chain("D");
        Introduction asked = introductions.request(m[0].id(), m[1].id(), m[2].id(), "Please?");
        Introduction declined = introductions.decline(m[1].id(), asked.id());
        assertThat(declined.status()).isEqualTo(IntroductionStatus.DECLINED);
        assertThat(kinds(m[0])).contains(NotificationKind.INTRODUCTION_DECLINED);
        assertThat(invitations.received(m[2].id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(10))
                .items()).isEmpty();
        assertThatThrownBy(() -> introductions.forward(m[1].id(), asked.id(), null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void theMonthlyAllowanceRunsOutWithAClearErrorAndComesBack() {
        Member a = members.create("Busy", "Cred");
        Member b = members.create("Hub", "Cred");
        connect(a, b);
        Member[] targets = new Member[6];
        for (int i = 0; i < 6; i++) {
            targets[i] = members.create("T" + i, "Cred");
            connect(b, targets[i]);
        }
        for (int i = 0; i < 5; i++) {
            introductions.request(a.id(), b.id(), targets[i].id(), "Reason " + i);
            clock.advance(Duration.ofDays(1));
        }
        assertThat(introductions.allowance(a.id()).remaining()).isZero();
        assertThatThrownBy(() -> introductions.request(a.id(), b.id(), targets[5].id(), "One more"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.type()).isEqualTo("introduction-allowance");
                    assertThat(e.detail()).contains("5 introductions in the last 30 days");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofDays(25));
                });
        clock.advance(Duration.ofDays(25).plusSeconds(1));
        introductions.request(a.id(), b.id(), targets[5].id(), "Now it fits");
    }

    @Test
    void losingTheConnectionOrABlockDeletesPendingIntroductionsAndStopsForwarding() {
        Member[] m = chain("L");
        Introduction asked = introductions.request(m[0].id(), m[1].id(), m[2].id(), "Please?");
        connections.remove(m[1].id(), m[2].id());
        assertThatThrownBy(() -> introductions.get(m[0].id(), asked.id()))
                .isInstanceOf(org.rapport.server.system.NotFoundException.class);

        Member[] n = chain("B");
        Introduction again = introductions.request(n[0].id(), n[1].id(), n[2].id(), "Please?");
        blocks.block(n[2].id(), n[0].id());
        assertThatThrownBy(() -> introductions.forward(n[1].id(), again.id(), null))
                .isInstanceOf(org.rapport.server.system.NotFoundException.class);
    }

    @Test
    void forwardingGoesThroughTheTargetsInboundRules() {
        Member[] m = chain("I");
        privacy.update(m[2].id(), new PrivacyChanges(null, "CONTACTS", null, null, null, null, null));
        Introduction asked = introductions.request(m[0].id(), m[1].id(), m[2].id(), "Please?");
        introductions.forward(m[1].id(), asked.id(), null);
        assertThat(invitations.received(m[2].id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(10))
                .items()).as("filed apart by the target's rule").isEmpty();
        List<ReceivedInvitation> filtered = invitations.received(m[2].id(), InvitationRepository.ReceivedView.FILTERED,
                PageRequest.first(10)).items();
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).introducedBy().introducer().member().id()).isEqualTo(m[1].id());
    }
}
