package org.rapport.server.connection;

/**
 * The connection between {@code a} and {@code b} was removed (by either of them, or by a block).
 * Published inside the removing transaction, so listeners (credibility) delete what only
 * connections may have together in the same commit.
 */
public record ConnectionRemoved(long a, long b) {
}
