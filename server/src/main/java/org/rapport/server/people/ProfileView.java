package org.rapport.server.people;

import java.util.List;

import org.rapport.server.invitation.InvitationRelation;
import org.rapport.server.member.Profile;
import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.SharedBackground;

/**
 * A profile as one viewer sees it: the profile, how far it is from them, what they share, and
 * what they can do next (connect, accept, withdraw, remove). {@code limited} when the member shows
 * out-of-network viewers only their name, headline, location and industry (the lists are then
 * empty); {@code viewedAs} is set when the member looks at their own profile as someone of that
 * degree would see it (I5), null otherwise. {@code pathElided} when the chain runs on, between the
 * last two members of {@code path}, through connections not shown to the viewer.
 */
public record ProfileView(
        Profile profile,
        Degree degree,
        int mutualConnectionCount,
        List<MemberCard> mutualPreview,
        InvitationRelation invitation,
        long connectionCount,
        boolean connectionsVisible,
        List<MemberCard> path,
        SharedBackground.Shared shared,
        boolean limited,
        Degree viewedAs,
        boolean pathElided) {

    public boolean self() {
        return degree == Degree.SELF;
    }

    public boolean connected() {
        return degree == Degree.FIRST;
    }
}
