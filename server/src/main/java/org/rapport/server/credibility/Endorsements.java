package org.rapport.server.credibility;

import java.util.List;

import org.rapport.server.network.MemberCard;

/**
 * A member's skills with their endorsements, as one viewer may see them (H1).
 *
 * @param accepting whether the member accepts endorsements (when not, only the member sees any)
 * @param mayEndorse whether the viewer may endorse this member (a 1st-degree connection, accepting)
 * @param skills the member's skills in profile order; empty when the viewer may not see them
 */
public record Endorsements(long memberId, boolean accepting, boolean mayEndorse, List<Skill> skills) {

    /**
     * One skill. {@code count} counts every endorsement the viewer may know of (hidden ones only for
     * the owner); {@code endorsers} names those the viewer may see: all of them for the owner and
     * for whom the owner's connections are visible, otherwise only the viewer's own connections
     * (and the viewer), so {@code complete} says whether the list is all of them.
     */
    public record Skill(String name, int count, boolean endorsedByViewer, List<Endorser> endorsers, boolean complete) {
    }

    /** An endorser; {@code hidden} (only ever true for the owner) when the owner hid this endorsement. */
    public record Endorser(MemberCard card, boolean hidden) {
    }

    public int total() {
        return skills.stream().mapToInt(Skill::count).sum();
    }
}
