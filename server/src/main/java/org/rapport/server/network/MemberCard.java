package org.rapport.server.network;

import org.rapport.server.member.MemberSummary;

/**
 * A member as a viewer sees them in a list: summary, degree badge and mutual connection count.
 *
 * <p>The photo follows the profile's rule (issue 18): a member who keeps their full profile to their
 * network shows initials, not the photo, to a viewer out of it, so the card drops it here, where the
 * viewer's degree is known.
 */
public record MemberCard(MemberSummary member, Degree degree, int mutualConnectionCount) {

    public MemberCard {
        if (member.photo() != null && member.networkOnly() && degree == Degree.OUT_OF_NETWORK) {
            member = member.withoutPhoto();
        }
    }
}
