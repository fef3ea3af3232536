package org.rapport.server.group;

/** A member's role in a group. One OWNER (transfers, never leaves without transferring); MANAGERs moderate. */
public enum GroupRole {
    OWNER,
    MANAGER,
    MEMBER;

    /** Owners and managers: approve requests, posts; remove and ban members; edit the group. */
    public boolean manages() {
        return this != MEMBER;
    }
}
