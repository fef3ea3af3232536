package org.rapport.graph;

/**
 * Constants for the degree of separation returned by {@link ConnectionGraph#distance(int, int)}.
 *
 * <p>The engine answers distances exactly up to {@link #MAX_EXACT} hops, because that is what the
 * product shows ("1st", "2nd", "3rd", or nothing) and because each extra hop multiplies the work by
 * the average degree. Anything farther, and members in another component, are
 * {@link #BEYOND}. {@code BEYOND} is {@link Integer#MAX_VALUE} so that it sorts after every real
 * distance and compares naturally with {@code <=}.
 */
public final class Distances {

    /** The member itself. */
    public static final int SELF = 0;

    /** A direct connection ("1st"). */
    public static final int FIRST = 1;

    /** A connection of a connection ("2nd"). */
    public static final int SECOND = 2;

    /** Three hops away ("3rd"). */
    public static final int THIRD = 3;

    /** The largest distance {@link ConnectionGraph#distance(int, int)} reports exactly. */
    public static final int MAX_EXACT = THIRD;

    /** Farther than {@link #MAX_EXACT} hops, or not reachable at all. */
    public static final int BEYOND = Integer.MAX_VALUE;

    private Distances() {
    }

    /** Whether {@code distance} is a connection of the first, second or third degree. */
    public static boolean isWithinNetwork(int distance) {
        return distance >= FIRST && distance <= MAX_EXACT;
    }
}
