package org.rapport.server.privacy;

/**
 * {@code blocker} blocked {@code blocked}. Published inside the blocking transaction, so listeners
 * (messaging) remove what the two members had together in the same commit.
 */
public record MemberBlocked(long blocker, long blocked) {
}
