package org.rapport.server.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.rapport.server.system.RapportProperties;

/** The quota formula with the default constants: where senders start, climb and fall. */
class InvitationQuotaTest {

    static final RapportProperties.Quota RULES = new RapportProperties.Quota(Duration.ofDays(90), 0.5, 5, 3, 5, 0.5,
            Duration.ofDays(14), 0.2, 0.8, 5, 2100, 300, 3, 0.5, 500);

    private static InvitationQuota quota(long accepted, long ignored, long dontKnow, long spam, long stale) {
        return new InvitationQuota(accepted, ignored, dontKnow, spam, stale, RULES);
    }

    @Test
    void newMembersStartInBetween() {
        InvitationQuota q = quota(0, 0, 0, 0, 0);
        assertThat(q.score()).isEqualTo(0.5);
        assertThat(q.weeklyAllowance()).isEqualTo(102);
        assertThat(q.dailyAllowance()).isEqualTo(102);
        assertThat(q.acceptanceRate()).isNull();
        assertThat(q.requiresEmail()).isFalse();
    }

    @Test
    void sendersWhoseInvitationsAreAcceptedReachSeveralHundredADay() {
        InvitationQuota q = quota(60, 2, 0, 0, 0);
        assertThat(q.score()).isGreaterThan(0.8);
        assertThat(q.weeklyAllowance()).isEqualTo(2100);
        assertThat(q.dailyAllowance()).isEqualTo(300);
        assertThat(q.acceptanceRate()).isCloseTo(60.0 / 62, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sendersWhoseInvitationsAreIgnoredFallToAFewAWeek() {
        InvitationQuota q = quota(2, 25, 0, 0, 0);
        assertThat(q.score()).isLessThan(0.2);
        assertThat(q.weeklyAllowance()).isEqualTo(5);
        assertThat(q.dailyAllowance()).isEqualTo(5);
    }

    @Test
    void reportsWeighMoreThanIgnoresAndSpamMostOfAll() {
        int ignored = quota(5, 3, 0, 0, 0).weeklyAllowance();
        int dontKnow = quota(5, 0, 3, 0, 0).weeklyAllowance();
        int spam = quota(5, 0, 0, 3, 0).weeklyAllowance();
        assertThat(ignored).isGreaterThan(dontKnow);
        assertThat(dontKnow).isGreaterThan(spam);
    }

    @Test
    void unansweredInvitationsCountAgainstTheSender() {
        assertThat(quota(3, 0, 0, 0, 20).weeklyAllowance()).isLessThan(quota(3, 0, 0, 0, 0).weeklyAllowance());
    }

    @Test
    void theAllowanceNeverFallsAsAcceptancesGrow() {
        int previous = 0;
        for (int accepted = 0; accepted <= 80; accepted++) {
            int weekly = quota(accepted, 10, 1, 0, 2).weeklyAllowance();
            assertThat(weekly).as("after %d accepted", accepted).isGreaterThanOrEqualTo(previous);
            previous = weekly;
        }
        assertThat(previous).isEqualTo(2100);
    }

    @Test
    void repeatedReportsRequireTheRecipientsEmailUntilTheRecordRecovers() {
        assertThat(quota(1, 2, 2, 0, 0).requiresEmail()).as("two reports").isFalse();
        assertThat(quota(1, 2, 3, 0, 0).requiresEmail()).as("three reports, low score").isTrue();
        assertThat(quota(1, 0, 2, 1, 0).requiresEmail()).as("spam counts as a report").isTrue();
        assertThat(quota(40, 2, 3, 0, 0).requiresEmail()).as("many acceptances lift it").isFalse();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> quota(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
