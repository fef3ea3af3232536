package org.rapport.server.network;

import org.rapport.graph.Distances;

/**
 * How far a member is from the viewer, as badges show it (C1). Capped at 3. GROUP: beyond 3rd
 * degree (or unconnected) but a fellow member of a group, which counts as in network (the profile
 * shows as to the network; the badge says "Group").
 */
public enum Degree {
    SELF("You"), FIRST("1st"), SECOND("2nd"), THIRD("3rd"), GROUP("Group"), OUT_OF_NETWORK("");

    private final String badge;

    Degree(String badge) {
        this.badge = badge;
    }

    /** The badge text: "1st", "2nd", "3rd"; empty out of network. */
    public String badge() {
        return badge;
    }

    /** A sentence for screen readers and tooltips. */
    public String description() {
        return switch (this) {
            case SELF -> "This is you";
            case FIRST -> "1st-degree connection";
            case SECOND -> "2nd-degree connection: you share a connection";
            case THIRD -> "3rd-degree connection";
            case GROUP -> "Fellow group member: in your network through a group";
            case OUT_OF_NETWORK -> "Out of your network";
        };
    }

    /** Who a member of this degree is, for "see your profile as …": "a 1st-degree connection". */
    public String viewerLabel() {
        return switch (this) {
            case SELF -> "you";
            case FIRST -> "a 1st-degree connection";
            case SECOND -> "a 2nd-degree member";
            case THIRD -> "a 3rd-degree member";
            case GROUP -> "a fellow group member";
            case OUT_OF_NETWORK -> "someone out of your network";
        };
    }

    public static Degree ofDistance(int distance) {
        return switch (distance) {
            case 0 -> SELF;
            case 1 -> FIRST;
            case 2 -> SECOND;
            case 3 -> THIRD;
            default -> {
                if (distance != Distances.BEYOND && (distance < 0 || distance < 4)) {
                    throw new IllegalArgumentException("not a distance: " + distance);
                }
                yield OUT_OF_NETWORK;
            }
        };
    }
}
