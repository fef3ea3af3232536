package org.rapport.server.network;

import org.rapport.server.member.MemberSummary;

/** A member as a viewer sees them in a list: summary, degree badge and mutual connection count. */
public record MemberCard(MemberSummary member, Degree degree, int mutualConnectionCount) {
}
