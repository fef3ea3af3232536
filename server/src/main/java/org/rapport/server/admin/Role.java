package org.rapport.server.admin;

/** What a member may do beyond being a member. Stored by name in {@code members.role}. */
public enum Role {
    /** Everyone. */
    MEMBER,
    /** Reads reports and the audit log, resolves reports, suspends and unsuspends members. */
    MODERATOR,
    /** Everything a moderator does, plus deleting members, password resets, settings and roles. */
    ADMIN;

    public boolean moderates() {
        return this != MEMBER;
    }

    /** Parses a role named by an operator or a client, in any case; null when it names none. */
    public static Role parse(String raw) {
        if (raw == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(raw.strip())) {
                return r;
            }
        }
        return null;
    }
}
