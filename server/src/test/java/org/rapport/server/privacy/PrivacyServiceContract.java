package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.invitation.FilterReason;
import org.rapport.server.invitation.Invitation;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.InvitationStatus;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.people.PeopleService;
import org.rapport.server.people.ProfileView;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** Who can reach and see me (I1, I2, I5, B6) on both databases. */
abstract class PrivacyServiceContract extends IntegrationContract {

    @Autowired
    PeopleService people;
    @Autowired
    ProfileService profiles;
    @Autowired
    NotificationService notifications;

    @Test
    void settingsDefaultSensiblyChangePartiallyAndRefuseUnknownValuesWhole() {
        Member me = members.create("Settler");
        assertThat(privacy.settings(me.id())).isEqualTo(PrivacySettings.DEFAULTS);
        privacy.update(me.id(), new PrivacyChanges(null, "email_or_contacts", true, null, null, null, null));
        PrivacySettings s = privacy.settings(me.id());
        assertThat(s.invitationsFrom()).isEqualTo(InvitationsFrom.EMAIL_OR_CONTACTS);
        assertThat(s.requireNote()).isTrue();
        assertThat(s.connectionsVisibility()).isEqualTo(ConnectionsVisibility.CONNECTIONS);
        assertThatThrownBy(() -> privacy.update(me.id(), new PrivacyChanges("NOBODY", "ALIENS", null, null, true, "NONE", false)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.messageFor("connectionsVisibility")).isNotNull();
                    assertThat(e.messageFor("invitationsFrom")).isNotNull();
                    assertThat(e.messageFor("profileVisibility")).isNotNull();
                });
        assertThat(privacy.settings(me.id())).as("nothing written").isEqualTo(s);
    }

    @Test
    void invitationsMissingARuleWaitInTheSeparateListWithoutNotifying() {
        Member me = members.create("Choosy");
        privacy.update(me.id(), new PrivacyChanges(null, null, true, null, null, null, null));
        Member noNote = members.create("NoNote");
        Member withNote = members.create("WithNote");

        Invitation filtered = invitations.invite(noNote.id(), me.id(), null).invitation();
        Invitation passed = invitations.invite(withNote.id(), me.id(), "We met at the conference").invitation();

        assertThat(filtered.filteredReason()).isEqualTo(FilterReason.NO_NOTE);
        assertThat(passed.filtered()).isFalse();
        assertThat(notifications.unreadCount(me.id())).isEqualTo(1);
        assertThat(invitations.received(me.id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(10)).items())
                .extracting(r -> r.invitation().id()).containsExactly(passed.id());
        assertThat(invitations.receivedCount(me.id())).isEqualTo(1);
        assertThat(invitations.received(me.id(), InvitationRepository.ReceivedView.FILTERED, PageRequest.first(10)).items())
                .extracting(r -> r.invitation().id()).containsExactly(filtered.id());
        assertThat(invitations.filteredCount(me.id())).isEqualTo(1);
        // The sender cannot tell: their invitation is pending like any other.
        assertThat(invitations.get(noNote.id(), filtered.id()).statusFor(noNote.id())).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitations.get(noNote.id(), filtered.id()).filtered()).isTrue();
        // And the recipient may still accept it.
        assertThat(invitations.accept(me.id(), filtered.id()).status()).isEqualTo(InvitationStatus.ACCEPTED);
    }

    @Test
    void eachInboundRuleFiltersWhatItShouldAndCrossingInvitationsAlwaysGetThrough() {
        String acme = "Acme " + System.nanoTime();
        Member me = members.create("Strict");
        profiles.update(me.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position(acme, "Engineer", 2015, null)), null, null, null, null));
        Member friend = members.create("Friend");
        connect(me, friend);
        Member second = members.create("SecondDegree");
        connect(friend, second);
        Member colleague = members.create("Colleague");
        profiles.update(colleague.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position(acme, "Designer", 2016, 2018)), null, null, null, null));
        Member stranger = members.create("Stranger");

        privacy.update(me.id(), new PrivacyChanges(null, null, null, null, true, null, null));
        assertThat(invitations.invite(stranger.id(), me.id(), "hi").invitation().filteredReason())
                .isEqualTo(FilterReason.NOT_SECOND_DEGREE);
        assertThat(invitations.invite(second.id(), me.id(), "hi").invitation().filtered()).isFalse();

        privacy.update(me.id(), new PrivacyChanges(null, null, null, true, false, null, null));
        assertThat(invitations.invite(colleague.id(), me.id(), null).invitation().filtered()).isFalse();

        privacy.update(me.id(), new PrivacyChanges(null, "EMAIL_OR_CONTACTS", null, false, null, null, null));
        Member knows = members.create("Knows");
        Member guesses = members.create("Guesses");
        assertThat(invitations.invite(knows.id(), me.id(), null, me.email()).invitation().filtered()).isFalse();
        assertThat(invitations.invite(guesses.id(), me.id(), null, "wrong@example.test").invitation().filteredReason())
                .isEqualTo(FilterReason.NOT_KNOWN);

        privacy.update(me.id(), new PrivacyChanges(null, "CONTACTS", null, null, null, null, null));
        Member nobody = members.create("NotInContacts");
        assertThat(invitations.invite(nobody.id(), me.id(), null, me.email()).invitation().filteredReason())
                .isEqualTo(FilterReason.NOT_IN_CONTACTS);

        // I invite someone whose invitation my rules kept apart: that is a crossing, and we connect.
        assertThat(invitations.invite(me.id(), stranger.id(), null).connected()).isTrue();
    }

    @Test
    void outOfNetworkViewersSeeALimitedProfileWhenTheMemberKeepsItToTheirNetwork() {
        Member me = members.create("Private");
        profiles.update(me.id(), new ProfileChanges(null, null, "Engineer", "Oslo, Norway", "Software", "About me",
                List.of(new Position("Acme", "Engineer", 2015, null)), List.of(new Education("NTNU", "MSc", 2010, 2015)),
                List.of("Java"), List.of("Sailing"), java.util.Map.of("github", "https://github.com/me")));
        Member friend = members.create("Friend");
        Member third = members.create("Third");
        Member far = members.create("Far");
        Member mid = members.create("Mid");
        connect(me, friend);
        connect(friend, mid);
        connect(mid, third);

        privacy.update(me.id(), new PrivacyChanges(null, null, null, null, null, "NETWORK", null));

        ProfileView limited = people.apiView(far.id(), me.id());
        assertThat(limited.limited()).isTrue();
        assertThat(limited.profile().member().headline()).isEqualTo("Engineer");
        assertThat(limited.profile().member().about()).isEmpty();
        assertThat(limited.profile().positions()).isEmpty();
        assertThat(limited.profile().education()).isEmpty();
        assertThat(limited.profile().skills()).isEmpty();
        assertThat(limited.profile().handles()).isEmpty();
        ProfileView full = people.apiView(third.id(), me.id());
        assertThat(full.degree()).isEqualTo(Degree.THIRD);
        assertThat(full.limited()).isFalse();
        assertThat(full.profile().positions()).hasSize(1);

        assertThat(people.viewAs(me.id(), Degree.OUT_OF_NETWORK).limited()).isTrue();
        assertThat(people.viewAs(me.id(), Degree.THIRD).limited()).isFalse();
        assertThat(people.viewAs(me.id(), Degree.THIRD).connectionsVisible()).isFalse();
        assertThat(people.viewAs(me.id(), Degree.FIRST).connectionsVisible()).isTrue();
        assertThatThrownBy(() -> people.viewAs(me.id(), Degree.SELF)).isInstanceOf(ValidationException.class);
    }
}
