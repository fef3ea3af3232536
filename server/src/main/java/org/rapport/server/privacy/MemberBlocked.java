package org.rapport.server.privacy;

/**
 * {@code blocker} blocked {@code blocked}. Published inside the blocking transaction; each feature
 * that holds something between two members removes it in its own listener, in the same commit:
 * the connection and VIP marks (connection), the open invitation (invitation), following
 * (follow), endorsements, recommendations and introductions (credibility), the conversation
 * (messaging) and, last, the notifications each has about the other (notification). The
 * {@code @Order} values below fix the order the cascade had when it was written in one place.
 */
public record MemberBlocked(long blocker, long blocked) {

    public static final int CONNECTIONS = 10;
    public static final int INVITATIONS = 20;
    public static final int FOLLOWS = 30;
    public static final int NOTIFICATIONS = Integer.MAX_VALUE;
}
