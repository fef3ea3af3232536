package org.rapport.server.people;

/**
 * A new member's guided start on Home (issue 18): the few things that make the network useful,
 * each done or not. Shown until every step is done or the member has {@link #ENOUGH_CONNECTIONS}
 * connections, whichever comes first.
 */
public record FirstSteps(boolean position, boolean school, boolean addressBook, boolean group, int connections) {

    /** Past this many connections a member has found their way; the guide goes. */
    public static final int ENOUGH_CONNECTIONS = 5;

    public boolean connected() {
        return connections >= ENOUGH_CONNECTIONS;
    }

    public int done() {
        return (position ? 1 : 0) + (school ? 1 : 0) + (addressBook ? 1 : 0) + (group ? 1 : 0) + (connected() ? 1 : 0);
    }

    public static int total() {
        return 5;
    }

    public boolean show() {
        return !connected() && done() < total();
    }
}
