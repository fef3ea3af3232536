package org.rapport.server.privacy;

/** Who may follow me (F1). Connections follow each other whatever this says. */
public enum FollowersFrom {
    EVERYONE,
    CONNECTIONS
}
