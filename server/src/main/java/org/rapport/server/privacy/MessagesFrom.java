package org.rapport.server.privacy;

/**
 * Who may message me (G2). Connections always may; with GROUP_MEMBERS (the default) fellow members
 * of a group I belong to may too; with ANYONE (an open profile) every member may. A first message
 * from someone who is not a connection waits as a message request I accept or decline.
 *
 * <p>Stored in two columns (V9's {@code messages_from} CONNECTIONS/ANYONE and V10's
 * {@code messages_from_groups}), because SQLite cannot widen V9's CHECK constraint in place.
 */
public enum MessagesFrom {
    CONNECTIONS,
    GROUP_MEMBERS,
    ANYONE;

    /** Whether fellow group members who are not connections may write (as requests). */
    public boolean groupMembers() {
        return this != CONNECTIONS;
    }

    /** The value of the {@code messages_from} column. */
    String column() {
        return this == ANYONE ? "ANYONE" : "CONNECTIONS";
    }

    static MessagesFrom stored(String column, boolean groupMembers) {
        if ("ANYONE".equals(column)) {
            return ANYONE;
        }
        return groupMembers ? GROUP_MEMBERS : CONNECTIONS;
    }
}
