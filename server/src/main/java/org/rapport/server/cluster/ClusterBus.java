package org.rapport.server.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.system.Database;
import org.rapport.server.system.Listening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages between the nodes that share one PostgreSQL database, over PostgreSQL's own
 * {@code LISTEN/NOTIFY} (no broker to run). A message has a topic and a JSON body; each node hands
 * the messages of other nodes to the handlers registered for the topic ({@link #on}).
 *
 * <p><b>Delivery.</b> {@link #publish} inside a transaction sends at that transaction's commit and
 * never when it rolls back (PostgreSQL queues NOTIFY with the transaction); outside one it sends at
 * once on a pooled connection of its own. A body longer than a NOTIFY payload may be (8000 bytes)
 * goes through the {@code cluster_messages} table, the NOTIFY carrying its row id. Delivery is at
 * most once: a node that is down, or whose listening connection breaks, misses what was sent
 * meanwhile. Topics that must not miss anything (the search index) keep a durable log of their own
 * and use the bus only to be woken early.
 *
 * <p>On SQLite there is one node and the bus sends nothing: {@link #clustered()} is false.
 */
@Component
public class ClusterBus implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterBus.class);
    static final String CHANNEL = "rapport_cluster";
    /** A little under PostgreSQL's 8000-byte NOTIFY payload limit. */
    static final int MAX_PAYLOAD_BYTES = 7_500;
    /** Topic handed to handlers when the listening connection is (re)established: a chance to say hello. */
    public static final String CONNECTED = "bus.connected";
    private static final long MESSAGE_TABLE_RETENTION_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final DataSource dataSource;
    private final Database database;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final GraphIndex graph;
    private final Map<String, List<Consumer<JsonNode>>> handlers = new ConcurrentHashMap<>();
    private final boolean follow;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    ClusterBus(DataSource dataSource, Database database, JdbcClient jdbc, JsonMapper json, Clock clock, GraphIndex graph,
               @Value("${rapport.scheduling.enabled:true}") boolean follow) {
        this.follow = follow;
        this.dataSource = dataSource;
        this.database = database;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.graph = graph;
    }

    /** Whether other nodes may share this database (PostgreSQL); false on SQLite. */
    public boolean clustered() {
        return !database.isSqlite();
    }

    /** This node's name, the same as in the graph change log. */
    public String nodeId() {
        return graph.nodeId();
    }

    /** Whether this node's listening connection is up (messages from others arrive). */
    public boolean listening() {
        return listening;
    }

    /** Registers {@code handler} for messages of {@code topic} sent by other nodes. */
    public void on(String topic, Consumer<JsonNode> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Sends {@code body} (anything Jackson writes) to the other nodes under {@code topic}: at the
     * current transaction's commit when there is one, at once otherwise. Does nothing on SQLite.
     * Not from an after-commit callback: the finished transaction's connection is still bound there
     * and never commits again, so use {@link #publishNow}.
     */
    public void publish(String topic, Object body) {
        if (!clustered()) {
            return;
        }
        ObjectNode message = json.createObjectNode();
        message.put("n", nodeId());
        message.put("t", topic);
        message.set("b", json.valueToTree(body));
        String payload = json.writeValueAsString(message);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // The transaction's own connection: PostgreSQL sends the NOTIFY when (and if) it commits.
            if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                long id = jdbc.sql("INSERT INTO cluster_messages (payload, created_at) VALUES (:p, :at) RETURNING id")
                        .param("p", payload).param("at", clock.millis()).query(Long.class).single();
                payload = reference(topic, id);
            }
            jdbc.sql("SELECT pg_notify(:c, :p)").param("c", CHANNEL).param("p", payload).query().singleRow();
            return;
        }
        sendNow(topic, payload);
    }

    /**
     * Sends at once on a pooled connection of its own, whatever transaction the caller is in: for
     * what is decided already (an after-commit callback, a presence announcement).
     */
    public void publishNow(String topic, Object body) {
        if (!clustered()) {
            return;
        }
        ObjectNode message = json.createObjectNode();
        message.put("n", nodeId());
        message.put("t", topic);
        message.set("b", json.valueToTree(body));
        sendNow(topic, json.writeValueAsString(message));
    }

    private void sendNow(String topic, String payload) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO cluster_messages (payload, created_at) VALUES (?, ?) RETURNING id")) {
                    ps.setString(1, payload);
                    ps.setLong(2, clock.millis());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        payload = reference(topic, rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, payload);
                ps.execute();
            }
        } catch (SQLException e) {
            // What travels on the bus is a courtesy to the other nodes' open pages; the change itself
            // is committed and stands.
            log.warn("Could not tell the other nodes about a {} message: {}", topic, e.getMessage());
        }
    }

    private String reference(String topic, long id) {
        ObjectNode ref = json.createObjectNode();
        ref.put("n", nodeId());
        ref.put("t", topic);
        ref.put("ref", id);
        return json.writeValueAsString(ref);
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!clustered() || !follow) {
            return; // SQLite, or a one-shot command: nobody to listen to
        }
        thread = Listening.start("cluster-bus", this::listen);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        Listening.stop(t, 5);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Starts before the web server and stops after it, like the graph follower.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void listen() {
        Connection connection = null;
        long nextPrune = 0;
        while (running) {
            try {
                if (connection == null) {
                    connection = Listening.listen(dataSource, CHANNEL);
                    listening = true;
                    dispatch(CONNECTED, json.createObjectNode());
                }
                PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications(500);
                if (notes != null) {
                    for (PGNotification note : notes) {
                        receive(note.getParameter());
                    }
                }
                long now = clock.millis();
                if (now >= nextPrune) {
                    jdbc.sql("DELETE FROM cluster_messages WHERE created_at < :before")
                            .param("before", now - MESSAGE_TABLE_RETENTION_MILLIS).update();
                    nextPrune = now + TimeUnit.MINUTES.toMillis(1);
                }
            } catch (Exception e) {
                if (!running || Thread.currentThread().isInterrupted()) {
                    break;
                }
                log.warn("Listening to the other nodes failed, retrying: {}", e.toString());
                listening = false;
                Listening.close(connection);
                connection = null;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
        listening = false;
        Listening.close(connection);
    }

    private void receive(String payload) {
        JsonNode message;
        try {
            message = json.readTree(payload);
            if (nodeId().equals(message.path("n").asString(""))) {
                return; // our own
            }
            if (message.has("ref")) {
                String stored = jdbc.sql("SELECT payload FROM cluster_messages WHERE id = :id")
                        .param("id", message.get("ref").asLong()).query(String.class).optional().orElse(null);
                if (stored == null) {
                    return;
                }
                message = json.readTree(stored);
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring a message from another node that could not be read: {}", e.getMessage());
            return;
        }
        dispatch(message.path("t").asString(""), message.path("b"));
    }

    private void dispatch(String topic, JsonNode body) {
        for (Consumer<JsonNode> handler : handlers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(body);
            } catch (RuntimeException e) {
                log.warn("A {} message from another node failed: {}", topic, e.toString());
            }
        }
    }
}
