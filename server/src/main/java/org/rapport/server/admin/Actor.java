package org.rapport.server.admin;

/** Who performs an administrative action: a moderator or administrator, or the operator's command line (id 0). */
public record Actor(long memberId, Role role, String label) {

    static final Actor COMMAND_LINE = new Actor(0, Role.ADMIN, "command line");

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
