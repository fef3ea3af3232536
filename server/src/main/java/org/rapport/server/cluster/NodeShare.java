package org.rapport.server.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How limits kept in each node's memory add up across the cluster (K7). The sign-in throttle and
 * the sign-up limit count per node, in memory (a database write per failed guess would make the
 * throttle itself a way to load the database); with {@code rapport.cluster.nodes} = N, each node
 * allows its share, the budget divided by N and rounded up, so that behind a load balancer that
 * spreads a client's requests the cluster as a whole allows about the documented budget (at most
 * N − 1 more), never N times it. With sticky sessions a client meets one node and so gets only its
 * share: stricter, never looser. Limits counted in the database (messages a minute, group writes,
 * introductions, the invitation quota) are cluster-wide already and are not divided.
 */
@Component
public class NodeShare {

    private final int nodes;

    public NodeShare(@Value("${rapport.cluster.nodes:1}") int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("rapport.cluster.nodes must be at least 1, not " + nodes);
        }
        this.nodes = nodes;
    }

    /** This node's part of a budget meant for the whole cluster: at least 1. */
    public int of(int clusterBudget) {
        return Math.max(1, (clusterBudget + nodes - 1) / nodes);
    }

    public int nodes() {
        return nodes;
    }
}
