package org.rapport.server.privacy;

/**
 * Who may message me (G2). Connections always may; with ANYONE (an open profile) members who are
 * not connections may too, and their first message waits as a message request I accept or decline.
 */
public enum MessagesFrom {
    CONNECTIONS,
    ANYONE
}
