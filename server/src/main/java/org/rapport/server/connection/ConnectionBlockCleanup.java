package org.rapport.server.connection;

import org.rapport.server.network.GraphIndex;
import org.rapport.server.privacy.MemberBlocked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A block ends the pair's connection (the graph index follows after the commit, and
 * {@link ConnectionRemoved} tells the features that hang on a connection) and each one's VIP
 * mark on the other, in the blocking transaction ({@link MemberBlocked} is published inside it).
 */
@Component
class ConnectionBlockCleanup {

    private final ConnectionRepository connections;
    private final VipRepository vips;
    private final GraphIndex index;
    private final ApplicationEventPublisher events;

    ConnectionBlockCleanup(ConnectionRepository connections, VipRepository vips, GraphIndex index,
                           ApplicationEventPublisher events) {
        this.connections = connections;
        this.vips = vips;
        this.index = index;
        this.events = events;
    }

    @EventListener
    @Order(MemberBlocked.CONNECTIONS)
    void onBlocked(MemberBlocked block) {
        long a = block.blocker();
        long b = block.blocked();
        if (connections.delete(a, b)) {
            index.reconcileAfterCommit(a, b);
            events.publishEvent(new ConnectionRemoved(a, b));
        }
        vips.deletePair(a, b);
    }
}
