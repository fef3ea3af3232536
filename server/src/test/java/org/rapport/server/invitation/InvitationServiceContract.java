package org.rapport.server.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.Notification;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** The connection lifecycle (A1–A8), run against SQLite and PostgreSQL by its subclasses. */
abstract class InvitationServiceContract extends IntegrationContract {

    @Autowired
    NetworkService network;
    @Autowired
    NotificationService notifications;

    private static final PageRequest ALL = PageRequest.first(100);

    @Test
    void inviteCreatesPendingInvitationWithNoteVisibleToBoth() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");

        InviteResult result = invitations.invite(ada.id(), bob.id(), "  We met at the\r\nmeetup  ");

        assertThat(result.connected()).isFalse();
        Invitation inv = result.invitation();
        assertThat(inv.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(inv.note()).isEqualTo("We met at the\nmeetup");
        assertThat(inv.expiresAt()).isEqualTo(clock.instant().atZone(java.time.ZoneOffset.UTC).plusMonths(6).toInstant());
        assertThat(invitations.received(bob.id(), InvitationRepository.ReceivedView.ACTIVE, ALL).items())
                .extracting(r -> r.invitation().id()).containsExactly(inv.id());
        assertThat(invitations.sent(ada.id(), ALL).items()).extracting(s -> s.invitation().id()).containsExactly(inv.id());
        assertThat(invitations.receivedCount(bob.id())).isEqualTo(1);
        assertThat(invitations.sentCount(ada.id())).isEqualTo(1);
        assertThat(network.degree(ada.id(), bob.id())).isEqualTo(Degree.OUT_OF_NETWORK);
    }

    @Test
    void noteLongerThan300CharactersIsRefusedAndNothingIsSent() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");

        assertThatThrownBy(() -> invitations.invite(ada.id(), bob.id(), "x".repeat(301)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).messageFor("note")).contains("300"));
        assertThat(invitations.sentCount(ada.id())).isZero();
        // 300 characters, counting an emoji as one, is fine.
        assertThat(invitations.invite(ada.id(), bob.id(), "🙂".repeat(300)).invitation().note()).hasSize(600);
    }

    @Test
    void blankNoteIsNoNote() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        assertThat(invitations.invite(ada.id(), bob.id(), "   \n ").invitation().note()).isNull();
    }

    @Test
    void acceptCreatesConnectionForBothAndNotifiesTheSender() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        Invitation accepted = invitations.accept(bob.id(), inv.id());

        assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(network.degree(ada.id(), bob.id())).isEqualTo(Degree.FIRST);
        assertThat(network.degree(bob.id(), ada.id())).isEqualTo(Degree.FIRST);
        assertThat(invitations.receivedCount(bob.id())).isZero();
        assertThat(invitations.sentCount(ada.id())).isZero();
        List<Notification> adaNotes = notifications.list(ada.id(), ALL).items();
        assertThat(adaNotes).extracting(Notification::kind).containsExactly(NotificationKind.INVITATION_ACCEPTED);
        assertThat(adaNotes.get(0).actor().member().id()).isEqualTo(bob.id());
        assertThat(notifications.list(bob.id(), ALL).items()).extracting(Notification::kind)
                .containsExactly(NotificationKind.INVITATION_RECEIVED);
        assertThat(notifications.unreadCount(bob.id())).as("acting on it reads it").isZero();
        assertThat(notifications.unreadCount(ada.id())).isEqualTo(1);
    }

    @Test
    void acceptingTwiceIsHarmless() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();
        invitations.accept(bob.id(), inv.id());
        assertThat(invitations.accept(bob.id(), inv.id()).status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(notifications.list(ada.id(), ALL).items()).hasSize(1);
    }

    @Test
    void crossingInvitationsBecomeOneConnection() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation first = invitations.invite(ada.id(), bob.id(), "hi").invitation();

        InviteResult second = invitations.invite(bob.id(), ada.id(), "hello");

        assertThat(second.connected()).isTrue();
        assertThat(second.invitation().id()).isEqualTo(first.id());
        assertThat(second.invitation().status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(network.degree(ada.id(), bob.id())).isEqualTo(Degree.FIRST);
        assertThat(jdbc.sql("SELECT count(*) FROM invitations WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(ada.id(), bob.id())).param("hi", Math.max(ada.id(), bob.id()))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void invitingYourselfIsAConflict() {
        Member ada = members.create("Ada");
        assertThatThrownBy(() -> invitations.invite(ada.id(), ada.id(), null))
                .isInstanceOf(CannotInviteYourselfException.class)
                .satisfies(e -> assertThat(((CannotInviteYourselfException) e).status()).isEqualTo(409));
    }

    @Test
    void invitingAConnectionIsAConflict() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        connect(ada, bob);
        assertThatThrownBy(() -> invitations.invite(ada.id(), bob.id(), null))
                .isInstanceOf(AlreadyConnectedException.class)
                .hasMessageContaining("already connected");
    }

    @Test
    void invitingTwiceIsAConflict() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        invitations.invite(ada.id(), bob.id(), null);
        assertThatThrownBy(() -> invitations.invite(ada.id(), bob.id(), null))
                .isInstanceOf(AlreadyInvitedException.class);
    }

    @Test
    void invitingAMemberWhoDoesNotExistIsNotFound() {
        Member ada = members.create("Ada");
        assertThatThrownBy(() -> invitations.invite(ada.id(), 987_654_321L, null))
                .isInstanceOf(MemberNotFoundException.class);
    }

    @Test
    void ignoreIsSilentToTheSender() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        invitations.ignore(bob.id(), inv.id(), IgnoreReason.DONT_KNOW);

        assertThat(invitations.receivedCount(bob.id())).isZero();
        var sent = invitations.sent(ada.id(), ALL).items();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).invitation().statusFor(ada.id())).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitations.get(ada.id(), inv.id()).statusFor(ada.id())).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitations.relation(ada.id(), bob.id()).kind()).isEqualTo(InvitationRelation.Kind.SENT);
        assertThat(invitations.relation(bob.id(), ada.id()).kind()).isEqualTo(InvitationRelation.Kind.NONE);
        assertThat(invitations.get(bob.id(), inv.id()).ignoreReason()).isEqualTo(IgnoreReason.DONT_KNOW);
        assertThatThrownBy(() -> invitations.invite(ada.id(), bob.id(), null))
                .as("the sender still sees it as pending").isInstanceOf(AlreadyInvitedException.class);
    }

    @Test
    void recipientWhoIgnoredCanStillConnectByInvitingBack() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();
        invitations.ignore(bob.id(), inv.id(), null);

        assertThat(invitations.invite(bob.id(), ada.id(), null).connected()).isTrue();
        assertThat(network.areConnected(ada.id(), bob.id())).isTrue();
    }

    @Test
    void withdrawnInviteeCannotBeReinvitedForThreeWeeks() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        invitations.withdraw(ada.id(), inv.id());

        assertThat(invitations.receivedCount(bob.id())).isZero();
        assertThat(notifications.list(bob.id(), ALL).items()).as("a withdrawn invitation leaves no trace").isEmpty();
        clock.advance(Duration.ofDays(20));
        assertThatThrownBy(() -> invitations.invite(ada.id(), bob.id(), null))
                .isInstanceOf(ReinviteCooldownException.class)
                .hasMessageContaining("invite them again from");
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(invitations.invite(ada.id(), bob.id(), null).invitation().status())
                .isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void withdrawingDoesNotStopTheOtherMemberFromInviting() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();
        invitations.withdraw(ada.id(), inv.id());
        assertThat(invitations.invite(bob.id(), ada.id(), null).connected()).isFalse();
    }

    @Test
    void pendingInvitationsExpireAfterSixMonths() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        clock.set(inv.expiresAt().minusSeconds(1));
        assertThat(invitations.receivedCount(bob.id())).isEqualTo(1);
        clock.set(inv.expiresAt());
        assertThat(invitations.receivedCount(bob.id())).isZero();
        assertThat(invitations.sentCount(ada.id())).isZero();
        assertThatThrownBy(() -> invitations.accept(bob.id(), inv.id()))
                .isInstanceOf(InvitationClosedException.class).hasMessageContaining("expired");
        // An expired invitation does not block a new one, with or without the sweep having run.
        assertThat(invitations.invite(ada.id(), bob.id(), null).invitation().id()).isNotEqualTo(inv.id());
        invitations.expireDue();
        assertThat(invitations.get(ada.id(), inv.id()).status()).isEqualTo(InvitationStatus.EXPIRED);
    }

    @Test
    void snoozedInvitationLeavesTheListAndComesBack() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        Invitation snoozed = invitations.snooze(bob.id(), inv.id(), 7);

        assertThat(snoozed.snoozedUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(invitations.receivedCount(bob.id())).isZero();
        assertThat(invitations.received(bob.id(), InvitationRepository.ReceivedView.SNOOZED, ALL).items()).hasSize(1);
        assertThat(invitations.sentCount(ada.id())).as("the sender is not told").isEqualTo(1);
        clock.advance(Duration.ofDays(7));
        assertThat(invitations.receivedCount(bob.id())).isEqualTo(1);
        assertThatThrownBy(() -> invitations.snooze(bob.id(), inv.id(), 3)).isInstanceOf(ValidationException.class);
    }

    @Test
    void onlyTheRecipientCanAcceptIgnoreOrSnoozeAndOnlyTheSenderCanWithdraw() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Member eve = members.create("Eve");
        Invitation inv = invitations.invite(ada.id(), bob.id(), null).invitation();

        assertThatThrownBy(() -> invitations.accept(ada.id(), inv.id())).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.accept(eve.id(), inv.id())).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.ignore(eve.id(), inv.id(), null)).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.snooze(eve.id(), inv.id(), 7)).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.withdraw(bob.id(), inv.id())).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.withdraw(eve.id(), inv.id())).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> invitations.get(eve.id(), inv.id())).isInstanceOf(InvitationNotFoundException.class);
        assertThat(invitations.get(bob.id(), inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void acceptingAWithdrawnInvitationIsNotFoundAndWithdrawingAnAcceptedOneIsAConflict() {
        Member ada = members.create("Ada");
        Member bob = members.create("Bob");
        Invitation first = invitations.invite(ada.id(), bob.id(), null).invitation();
        invitations.withdraw(ada.id(), first.id());
        assertThatThrownBy(() -> invitations.accept(bob.id(), first.id())).isInstanceOf(InvitationNotFoundException.class);

        Invitation second = invitations.invite(bob.id(), ada.id(), null).invitation();
        invitations.accept(ada.id(), second.id());
        assertThatThrownBy(() -> invitations.withdraw(bob.id(), second.id()))
                .isInstanceOf(InvitationClosedException.class).hasMessageContaining("accepted");
    }

    @Test
    void connectionCapStopsInvitationsAndAccepts() {
        Member hub = members.create("Hub");
        for (int i = 0; i < 40; i++) {
            connect(members.create("Friend" + i), hub);
        }
        Member late = members.create("Late");
        assertThatThrownBy(() -> invitations.invite(late.id(), hub.id(), null))
                .isInstanceOf(ConnectionLimitException.class).hasMessageContaining("Hub");
        assertThatThrownBy(() -> invitations.invite(hub.id(), late.id(), null))
                .isInstanceOf(ConnectionLimitException.class).hasMessageContaining("You have reached");
    }

    @Test
    void aNewMemberSendsUpToTheirAllowanceThenGetsA429UntilTheRollingWindowsFreeASlot() {
        Member ada = members.create("Ada");
        int allowance = invitations.quota(ada.id()).dailyAllowance();
        assertThat(allowance).isEqualTo(102);
        for (int i = 0; i < allowance; i++) {
            invitations.invite(ada.id(), members.create("Target" + i).id(), null);
            clock.advance(Duration.ofMinutes(1));
        }
        Member one = members.create("OneTooMany");
        // The day and the week are both used up; the week binds longer, so that is what the 429 says.
        assertThatThrownBy(() -> invitations.invite(ada.id(), one.id(), null))
                .isInstanceOfSatisfying(InvitationLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofDays(7).minusMinutes(allowance));
                    assertThat(e.detail()).contains("in the last 7 days");
                });
        assertThat(jdbc.sql("SELECT count(*) FROM invitations WHERE recipient_id = :id").param("id", one.id())
                .query(Long.class).single()).as("nothing half-sent").isZero();
        clock.advance(Duration.ofDays(7).minusMinutes(allowance).minusSeconds(1));
        assertThatThrownBy(() -> invitations.invite(ada.id(), one.id(), null))
                .isInstanceOf(InvitationLimitException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(invitations.invite(ada.id(), one.id(), null).connected()).isFalse();
    }

    @Test
    void receivedAndSentListsArePaginatedNewestFirst() {
        Member bob = members.create("Bob");
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(invitations.invite(members.create("Sender" + i).id(), bob.id(), null).invitation().id());
            clock.advance(Duration.ofSeconds(1));
        }
        var first = invitations.received(bob.id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(2));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(r -> r.invitation().id()).containsExactly(ids.get(4), ids.get(3));
        var second = invitations.received(bob.id(), InvitationRepository.ReceivedView.ACTIVE,
                new PageRequest(2, first.nextCursor()));
        assertThat(second.items()).extracting(r -> r.invitation().id()).containsExactly(ids.get(2), ids.get(1));
        var third = invitations.received(bob.id(), InvitationRepository.ReceivedView.ACTIVE,
                new PageRequest(2, second.nextCursor()));
        assertThat(third.items()).extracting(r -> r.invitation().id()).containsExactly(ids.get(0));
        assertThat(third.nextCursor()).isNull();
    }
}
