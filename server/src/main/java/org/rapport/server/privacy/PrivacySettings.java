package org.rapport.server.privacy;

import java.util.Objects;

import org.rapport.server.member.ConnectionsVisibility;

/**
 * A member's privacy settings.
 *
 * @param connectionsVisibility who can see my connections (I1)
 * @param invitationsFrom       who can send me invitations that reach my list (I2)
 * @param requireNote           invitations without a note go to the separate list (B6)
 * @param requireShared         invitations from people with no group, company or school in common go there too
 * @param secondDegreeOnly      invitations from anyone but 2nd-degree members go there too
 * @param profileVisibility     what members out of my network see of my profile
 * @param showAlsoViewed        whether People Also Viewed shows on my profile (C7)
 * @param followPrimary         my profile offers Follow first, Connect second (F1)
 * @param followersFrom         who may follow me (F1)
 * @param messagesFrom          who may message me (G2): connections, or anyone as message requests
 */
public record PrivacySettings(
        ConnectionsVisibility connectionsVisibility,
        InvitationsFrom invitationsFrom,
        boolean requireNote,
        boolean requireShared,
        boolean secondDegreeOnly,
        ProfileVisibility profileVisibility,
        boolean showAlsoViewed,
        boolean followPrimary,
        FollowersFrom followersFrom,
        MessagesFrom messagesFrom) {

    public static final PrivacySettings DEFAULTS = new PrivacySettings(ConnectionsVisibility.CONNECTIONS,
            InvitationsFrom.ANYONE, false, false, false, ProfileVisibility.EVERYONE, true, false,
            FollowersFrom.EVERYONE, MessagesFrom.GROUP_MEMBERS);

    public PrivacySettings {
        Objects.requireNonNull(connectionsVisibility, "connectionsVisibility");
        Objects.requireNonNull(invitationsFrom, "invitationsFrom");
        Objects.requireNonNull(profileVisibility, "profileVisibility");
        Objects.requireNonNull(followersFrom, "followersFrom");
        Objects.requireNonNull(messagesFrom, "messagesFrom");
    }

    /** Whether any rule may send an invitation to the separate list. */
    public boolean filtersInvitations() {
        return invitationsFrom != InvitationsFrom.ANYONE || requireNote || requireShared || secondDegreeOnly;
    }
}
