package org.rapport.server.group;

/**
 * A group as one member sees it: the group, their relation to it, and what that relation lets them
 * read ({@code canRead}: discussions and the member list) and do.
 */
public record GroupView(Group group, Relation relation) {

    /** Discussions and the member list: members always; in a public group every signed-in member not banned. */
    public boolean canRead() {
        return relation.member() || (!group.membersOnly() && relation != Relation.BANNED);
    }

    public boolean canPost() {
        return relation.member();
    }

    public boolean manages() {
        return relation.manages();
    }

    public boolean owns() {
        return relation == Relation.OWNER;
    }

    /** Whether a Join (public, or an invitation) or Ask to join (members-only) button applies. */
    public boolean canJoin() {
        return relation == Relation.NONE || relation == Relation.INVITED;
    }
}
