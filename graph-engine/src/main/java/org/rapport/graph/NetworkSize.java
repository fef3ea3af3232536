package org.rapport.graph;

/**
 * How many members sit at exactly one, two and three hops from a member (its 1st, 2nd and 3rd
 * degree network). The member itself is never counted, and nobody is counted twice: a member at
 * distance 1 is not also counted at distance 2.
 *
 * @param first  members at distance 1 (direct connections)
 * @param second members at distance 2
 * @param third  members at distance 3
 */
public record NetworkSize(long first, long second, long third) {

    /** The network of a member with no connections. */
    public static final NetworkSize EMPTY = new NetworkSize(0, 0, 0);

    public NetworkSize {
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException(String.format(
                    "network sizes must not be negative: first=%d, second=%d, third=%d",
                    first, second, third));
        }
    }

    /** Members within three hops: {@code first + second + third}. */
    public long total() {
        return first + second + third;
    }
}
