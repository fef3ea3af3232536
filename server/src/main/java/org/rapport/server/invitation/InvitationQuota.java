package org.rapport.server.invitation;

import org.rapport.server.system.RapportProperties;

/**
 * The adaptive invitation quota (B1, B2): how many invitations a member may send, from what became
 * of the invitations they sent in the recent window ({@code rapport.invitations.quota.window},
 * 90 days).
 *
 * <p><b>Score.</b> A smoothed acceptance rate in which reports and long-unanswered invitations
 * weigh against the sender:
 * <pre>
 *   score = (A + w0·r0) / (A + I + wD·D + wS·S + wP·P + w0)
 * </pre>
 * with A accepted, I ignored, D "I don't know this person", S spam, P stale (unanswered after
 * {@code staleAfter}, 14 days, whether still pending, withdrawn or expired), and the prior
 * r0 = 0.5 worth w0 = 5 invitations, so that a new member starts at 0.5 and a handful of
 * invitations moves them only part of the way. Default weights: wD = 3, wS = 5, wP = 0.5.
 *
 * <p><b>Allowance.</b> The score maps onto a weekly allowance on a logarithmic scale between
 * {@code minWeekly} (5) at or below {@code lowScore} (0.2) and {@code maxWeekly} (2,100) at or
 * above {@code highScore} (0.8):
 * <pre>
 *   t = clamp((score − low) / (high − low), 0, 1)      weekly = round(min · (max / min)^t)
 * </pre>
 * and no more than {@code maxDaily} (300) in any 24 hours. A new member (score 0.5) may send 102 a
 * week; one whose invitations are all accepted 300 a day; one whose invitations are mostly ignored
 * or reported 5 a week. Both windows roll: each invitation counts for 7 days (and 24 hours).
 *
 * <p><b>E-mail requirement.</b> After {@code emailAfterReports} (3) reports ("I don't know" or
 * spam) in the window while the score is below {@code emailBelowScore} (0.5), the sender must type
 * the recipient's e-mail address to invite them, until reports age out or acceptances lift the
 * score.
 *
 * @param accepted accepted invitations sent in the window
 * @param ignored  ignored without a reason
 * @param dontKnow ignored as "I don't know this person"
 * @param spam     reported as spam
 * @param stale    never answered within {@code staleAfter}
 */
public record InvitationQuota(long accepted, long ignored, long dontKnow, long spam, long stale,
                              RapportProperties.Quota rules) {

    public InvitationQuota {
        if (accepted < 0 || ignored < 0 || dontKnow < 0 || spam < 0 || stale < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public double score() {
        double good = accepted + rules.priorWeight() * rules.priorRate();
        double all = accepted + ignored + rules.dontKnowWeight() * dontKnow + rules.spamWeight() * spam
                + rules.staleWeight() * stale + rules.priorWeight();
        return good / all;
    }

    /** Accepted among the answered (accepted, ignored, reported), or null before any answer. */
    public Double acceptanceRate() {
        long answered = accepted + ignored + dontKnow + spam;
        return answered == 0 ? null : (double) accepted / answered;
    }

    public int weeklyAllowance() {
        double t = (score() - rules.lowScore()) / (rules.highScore() - rules.lowScore());
        t = Math.max(0, Math.min(1, t));
        double weekly = rules.minWeekly() * Math.pow((double) rules.maxWeekly() / rules.minWeekly(), t);
        return (int) Math.round(weekly);
    }

    public int dailyAllowance() {
        return Math.min(rules.maxDaily(), weeklyAllowance());
    }

    public long reports() {
        return dontKnow + spam;
    }

    public boolean requiresEmail() {
        return reports() >= rules.emailAfterReports() && score() < rules.emailBelowScore();
    }
}
