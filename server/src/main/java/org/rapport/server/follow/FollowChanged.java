package org.rapport.server.follow;

/**
 * Published inside the transaction that changed whether {@code follower} follows {@code followee}
 * (a follow or unfollow, a connection made or removed, a block), so that features built on
 * following (the feed) keep up in the same transaction.
 */
public record FollowChanged(long follower, long followee, boolean following, boolean connected) {

    /**
     * Both directions of a pair that connected (true: they follow each other and are connected)
     * or parted (false). The graph index learns of a connection only after the commit, so the
     * event says it.
     */
    public static FollowChanged[] both(long a, long b, boolean connectedNow) {
        return new FollowChanged[] {new FollowChanged(a, b, connectedNow, connectedNow),
                new FollowChanged(b, a, connectedNow, connectedNow)};
    }
}
