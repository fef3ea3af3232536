package org.rapport.server.follow;

/**
 * Published inside the transaction that changed whether {@code follower} follows {@code followee}
 * (a follow or unfollow, a connection made or removed, a block), so that features built on
 * following (the feed) keep up in the same transaction.
 */
public record FollowChanged(long follower, long followee, boolean following) {

    /** Both directions of a pair that connected (true) or parted (false). */
    public static FollowChanged[] both(long a, long b, boolean following) {
        return new FollowChanged[] {new FollowChanged(a, b, following), new FollowChanged(b, a, following)};
    }
}
