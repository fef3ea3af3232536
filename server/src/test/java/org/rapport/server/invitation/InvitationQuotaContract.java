package org.rapport.server.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;

/**
 * The adaptive quota (B1–B3, B5) as senders live it, with a moving clock: acceptance lifts the
 * allowance, ignores and reports sink it, reports switch the e-mail requirement on and time
 * switches it off, withdrawing lifts nothing, and the pending cap holds.
 */
abstract class InvitationQuotaContract extends IntegrationContract {

    @Test
    void aSenderWhoseInvitationsAreAcceptedClimbsTowardTheTopAllowance() {
        Member sender = members.create("Liked");
        List<Integer> curve = new ArrayList<>();
        curve.add(invitations.quota(sender.id()).weeklyAllowance());
        for (int i = 0; i < 20; i++) {
            Member friend = members.create("Accepts" + i);
            long id = invitations.invite(sender.id(), friend.id(), null).invitation().id();
            invitations.accept(friend.id(), id);
            curve.add(invitations.quota(sender.id()).weeklyAllowance());
        }
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i)).as("allowance after %d acceptances, curve %s", i, curve)
                    .isGreaterThanOrEqualTo(curve.get(i - 1));
        }
        assertThat(curve.get(0)).isEqualTo(102);
        assertThat(curve.get(curve.size() - 1)).isEqualTo(2100);
        QuotaStatus q = invitations.quota(sender.id());
        assertThat(q.dailyAllowance()).isEqualTo(300);
        assertThat(q.quota().acceptanceRate()).isEqualTo(1.0);
        assertThat(q.restricted()).isFalse();
        assertThat(q.factors().get(0)).isEqualTo("20 of the 20 invitations answered in the last 90 days were accepted (100%).");
    }

    @Test
    void ignoredAndReportedInvitationsSinkTheAllowanceAndRequireTheRecipientsEmail() {
        Member sender = members.create("Spammy");
        List<Integer> curve = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Member target = members.create("Ignores" + i);
            invitations.ignore(target.id(), invitations.invite(sender.id(), target.id(), null).invitation().id(), null);
            curve.add(invitations.quota(sender.id()).weeklyAllowance());
        }
        assertThat(curve).containsExactly(44, 24, 16, 11);
        clock.advance(Duration.ofDays(8));
        for (int i = 0; i < 3; i++) {
            assertThat(invitations.quota(sender.id()).requiresEmail()).as("after %d reports", i).isFalse();
            Member target = members.create("DoesNotKnow" + i);
            long id = invitations.invite(sender.id(), target.id(), null).invitation().id();
            invitations.ignore(target.id(), id, IgnoreReason.DONT_KNOW);
        }
        QuotaStatus q = invitations.quota(sender.id());
        assertThat(q.weeklyAllowance()).isEqualTo(5);
        assertThat(q.requiresEmail()).isTrue();
        assertThat(q.restrictions()).anySatisfy(r -> assertThat(r).startsWith(
                "3 people you invited in the last 90 days said they don't know you"));
        assertThat(q.restrictions()).anySatisfy(r -> assertThat(r).startsWith("Your allowance is at its lowest"));
        assertThat(q.factors()).contains("3 were marked \"I don't know this person\"; each counts like 3 ignored invitations.");

        Member next = members.create("Next");
        assertThatThrownBy(() -> invitations.invite(sender.id(), next.id(), null, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.messageFor("email")).startsWith("To invite Next, type their e-mail address"));
        assertThatThrownBy(() -> invitations.invite(sender.id(), next.id(), null, "someone@else.example"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.messageFor("email")).isEqualTo("That is not Next's e-mail address."));
        assertThat(invitations.invite(sender.id(), next.id(), null, " " + next.email().toUpperCase() + " ")
                .invitation().status()).isEqualTo(InvitationStatus.PENDING);

        // When the reports are older than the window, the requirement lifts by itself.
        clock.advance(Duration.ofDays(91));
        assertThat(invitations.quota(sender.id()).requiresEmail()).isFalse();
    }

    @Test
    void withdrawingDoesNotLiftARestrictionAndUnansweredInvitationsCountAgainst() {
        Member sender = members.create("Withdrawer");
        List<Long> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(invitations.invite(sender.id(), members.create("Silent" + i).id(), null).invitation().id());
        }
        clock.advance(Duration.ofDays(8));
        for (int i = 0; i < 3; i++) {
            Member target = members.create("Reporter" + i);
            long id = invitations.invite(sender.id(), target.id(), null).invitation().id();
            invitations.ignore(target.id(), id, IgnoreReason.SPAM);
        }
        QuotaStatus fresh = invitations.quota(sender.id());
        assertThat(fresh.quota().stale()).isZero();
        clock.advance(Duration.ofDays(7));
        QuotaStatus stale = invitations.quota(sender.id());
        assertThat(stale.quota().stale()).isEqualTo(6);
        assertThat(stale.quota().score()).isLessThan(fresh.quota().score());
        assertThat(stale.factors()).anySatisfy(f -> assertThat(f).startsWith("6 went unanswered for more than 14 days"));
        for (long id : pending) {
            invitations.withdraw(sender.id(), id);
        }
        QuotaStatus after = invitations.quota(sender.id());
        assertThat(after.requiresEmail()).isTrue();
        assertThat(after.quota().stale()).as("withdrawn after going stale still counts").isEqualTo(6);
        assertThat(after.weeklyAllowance()).isEqualTo(stale.weeklyAllowance());
        assertThat(after.quota().score()).isEqualTo(stale.quota().score());
        assertThat(after.cooldowns()).hasSize(6);
        assertThat(after.pending()).as("the reported ones still look pending to the sender").isEqualTo(3);
    }

    @Test
    void thePendingCapIsA429AndWithdrawingFreesASlot() {
        Member sender = members.create("Prolific");
        for (int i = 0; i < 20; i++) {
            Member friend = members.create("Yes" + i);
            invitations.accept(friend.id(), invitations.invite(sender.id(), friend.id(), null).invitation().id());
        }
        long last = 0;
        for (int i = 0; i < 150; i++) {
            last = invitations.invite(sender.id(), members.create("Wait" + i).id(), null).invitation().id();
        }
        Member more = members.create("More");
        assertThatThrownBy(() -> invitations.invite(sender.id(), more.id(), null))
                .isInstanceOfSatisfying(PendingLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.detail()).startsWith("You have 150 invitations waiting for an answer");
                    assertThat(e.retryAfter()).isPositive();
                });
        invitations.withdraw(sender.id(), last);
        assertThat(invitations.invite(sender.id(), more.id(), null).invitation().status())
                .isEqualTo(InvitationStatus.PENDING);
    }
}
