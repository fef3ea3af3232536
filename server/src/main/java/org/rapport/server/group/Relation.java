package org.rapport.server.group;

/**
 * The viewer's relation to a group, which decides everything they may see and do there. The first
 * three are members ({@link #member()}); the others are not.
 */
public enum Relation {
    OWNER,
    MANAGER,
    MEMBER,
    /** Asked to join a members-only group; an owner or manager has not answered yet. */
    REQUESTED,
    /** Invited by a member; has not answered yet. */
    INVITED,
    /** Removed and blocked from the group: cannot join, ask or be invited. */
    BANNED,
    NONE;

    public boolean member() {
        return this == OWNER || this == MANAGER || this == MEMBER;
    }

    public boolean manages() {
        return this == OWNER || this == MANAGER;
    }

    static Relation of(GroupRole role) {
        return switch (role) {
            case OWNER -> OWNER;
            case MANAGER -> MANAGER;
            case MEMBER -> MEMBER;
        };
    }
}
