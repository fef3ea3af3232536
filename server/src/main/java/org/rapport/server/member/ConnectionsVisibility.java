package org.rapport.server.member;

/** Who can see a member's list of connections (I1). Shared connections stay visible to 1st degree. */
public enum ConnectionsVisibility {
    EVERYONE, CONNECTIONS, ONLY_ME
}
