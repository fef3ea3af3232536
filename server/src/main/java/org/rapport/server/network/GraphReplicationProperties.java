package org.rapport.server.network;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the graph index follows the change log and snapshots itself ({@code rapport.graph.*}).
 *
 * @param nodeId this node's name in the log and in {@code graph_snapshots}; empty means the host
 *     name plus a hash of the snapshot path (stable across restarts of one installation)
 * @param snapshotPath the snapshot file; empty means {@code graph.snapshot} in the data directory
 * @param snapshotInterval how often a running node writes a snapshot (when the graph changed);
 *     also written at a clean shutdown. Zero turns periodic snapshots off
 * @param snapshots whether to read and write snapshots at all
 * @param pollInterval how often a node reads the log when no notification woke it
 * @param logRetention entries are pruned only once older than this and behind every snapshot
 *     written within it
 * @param maxReplay a snapshot more than this many entries behind the log's head is not used: the
 *     graph is loaded from the database instead
 */
@ConfigurationProperties("rapport.graph")
public record GraphReplicationProperties(
        @DefaultValue("") String nodeId,
        @DefaultValue("") String snapshotPath,
        @DefaultValue("30m") Duration snapshotInterval,
        @DefaultValue("true") boolean snapshots,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("24h") Duration logRetention,
        @DefaultValue("1000000") long maxReplay) {

    public GraphReplicationProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || snapshotInterval.isNegative()
                || logRetention.isNegative() || maxReplay < 0) {
            throw new IllegalArgumentException("rapport.graph: poll-interval must be positive, snapshot-interval, "
                    + "log-retention and max-replay not negative");
        }
    }

    /** The snapshot file for a data directory. */
    Path snapshotFile(Path dataDir) {
        return snapshotPath.isBlank() ? dataDir.resolve("graph.snapshot") : Path.of(snapshotPath);
    }

    /** This node's id. */
    String nodeId(Path dataDir) {
        if (!nodeId.isBlank()) {
            return nodeId;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + Integer.toHexString(snapshotFile(dataDir).toAbsolutePath().normalize().hashCode());
    }
}
