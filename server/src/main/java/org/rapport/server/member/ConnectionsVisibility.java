package org.rapport.server.member;

/**
 * Who can see a member's list of connections (I1).
 *
 * <p>The rule every graph answer follows (ARCHITECTURE.md, "Who sees which connection"): the
 * connection u–w is visible to viewer V when V is u or w, or when u's or w's list is visible to V.
 */
public enum ConnectionsVisibility {
    EVERYONE, CONNECTIONS, ONLY_ME;

    /**
     * Whether a member with this setting shows their whole list to a viewer: to themselves always,
     * to everyone under EVERYONE, to their connections under CONNECTIONS, to nobody else under ONLY_ME.
     */
    public boolean showsListTo(boolean viewerIsOwner, boolean viewerIsConnected) {
        return viewerIsOwner || this == EVERYONE || (this == CONNECTIONS && viewerIsConnected);
    }
}
