package org.rapport.server.group;

/** Who reads a group's discussions and member list: every signed-in member, or its members only. */
public enum GroupVisibility {
    PUBLIC,
    MEMBERS_ONLY
}
