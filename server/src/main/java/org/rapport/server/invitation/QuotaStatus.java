package org.rapport.server.invitation;

import java.time.Instant;
import java.util.List;

import org.rapport.server.member.MemberSummary;

/**
 * Where a member stands with their invitation quota (B5): the allowance, what is used, the score
 * behind it and why, in words.
 *
 * @param quota            the counts and formula behind the allowance
 * @param usedThisWeek     invitations sent in the last 7 days
 * @param usedToday        invitations sent in the last 24 hours
 * @param pending          invitations waiting for an answer
 * @param maxPending       how many may wait at once
 * @param nextInvitationAt when the next invitation may be sent, or null when one may be sent now
 * @param cooldowns        members I withdrew an invitation to and may not invite again yet
 * @param factors          what shaped my score, one sentence each
 * @param restrictions     what stops or constrains me now, one sentence each; empty when nothing does
 */
public record QuotaStatus(InvitationQuota quota, long usedThisWeek, long usedToday, long pending, int maxPending,
                          Instant nextInvitationAt, List<Cooldown> cooldowns, List<String> factors,
                          List<String> restrictions) {

    /** A member I may not invite again until {@code until} (A3). */
    public record Cooldown(MemberSummary member, Instant until) {
    }

    public QuotaStatus {
        cooldowns = List.copyOf(cooldowns);
        factors = List.copyOf(factors);
        restrictions = List.copyOf(restrictions);
    }

    public int weeklyAllowance() {
        return quota.weeklyAllowance();
    }

    public int dailyAllowance() {
        return quota.dailyAllowance();
    }

    public long remainingThisWeek() {
        return Math.max(0, quota.weeklyAllowance() - usedThisWeek);
    }

    public long remainingToday() {
        return Math.max(0, Math.min(quota.dailyAllowance() - usedToday, remainingThisWeek()));
    }

    public boolean requiresEmail() {
        return quota.requiresEmail();
    }

    public boolean restricted() {
        return !restrictions.isEmpty();
    }
}
