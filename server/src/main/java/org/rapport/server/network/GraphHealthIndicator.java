package org.rapport.server.network;

import java.time.Duration;

import org.rapport.server.system.BackgroundHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code graph} part of {@code /actuator/health}: where the graph came from at start-up and
 * how far this node is behind the change log. The node is only up once caught up (the graph index
 * replays the log before the application starts), so this reports UP with the figures an operator
 * watches: {@code behind} is how many log entries other nodes committed that this one has not
 * applied yet, normally 0 or a handful. Checked every second in the background (it reads the log
 * head from the database), so health answers at once even while the database does not.
 */
@Component("graph")
class GraphHealthIndicator extends BackgroundHealth {

    private final GraphIndex index;
    private final GraphChangeLog changeLog;

    GraphHealthIndicator(GraphIndex index, GraphChangeLog changeLog) {
        super("graph", Duration.ofSeconds(1), Duration.ofMillis(700));
        this.index = index;
        this.changeLog = changeLog;
    }

    @Override
    protected Health check() {
        long head = changeLog.head();
        long applied = index.appliedPosition();
        return Health.up()
                .withDetail("node", index.nodeId())
                .withDetail("loadedFrom", index.loadedFrom())
                .withDetail("connections", index.graph().edgeCount())
                .withDetail("appliedPosition", applied)
                .withDetail("logHead", head)
                .withDetail("behind", Math.max(0, head - applied))
                .withDetail("snapshotPosition", index.lastSnapshotPosition())
                .build();
    }
}
