package org.rapport.server.notification;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.rapport.server.cluster.ClusterBus;
import org.rapport.server.system.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live notifications (A7) over server-sent events, to open pages and to API clients.
 *
 * <p>Each open stream is an {@link SseEmitter}: an asynchronous request parked by the servlet
 * container, not a thread, so a thousand open streams cost a thousand small objects and sockets.
 * A member's streams are found by member id. {@link #publishAfterCommit} sends the event once the
 * transaction that created the notification commits (a rolled-back change tells nobody). A
 * heartbeat every {@value #HEARTBEAT_SECONDS} seconds keeps proxies from closing idle streams
 * and finds dead ones, which are dropped. A member may hold at most {@value #MAX_STREAMS_PER_MEMBER}
 * streams (tabs); the oldest is closed past that.
 *
 * <p>Several nodes (K7): streams live in the memory of the node the browser is connected to. Each
 * node tells the others, over the {@link ClusterBus}, which members have streams open on it
 * ("presence": on the first stream and the last one closed, all of them with every heartbeat, and
 * again when a node says hello); an entry not renewed for three heartbeats is forgotten. An event
 * for a member with streams on another node is made here, where the change was, and sent to that
 * node as JSON, which writes it to its streams unchanged. On SQLite there is one node and none of
 * this runs.
 *
 * <p>On shutdown the hub closes every stream first (it stops in the earliest lifecycle phase):
 * otherwise the web server's graceful shutdown would wait its whole timeout for streams that
 * never end. Browsers reconnect to another node, or to this one when it is back.
 */
@Component
public class NotificationHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationHub.class);
    static final long HEARTBEAT_SECONDS = 20;
    static final int MAX_STREAMS_PER_MEMBER = 8;
    static final String LIVE = "live";
    static final String PRESENCE = "presence";
    private static final long PRESENCE_TTL_MILLIS = 3 * HEARTBEAT_SECONDS * 1000;
    private static final int PRESENCE_CHUNK = 500;

    /** What a stream receives: the new unread count, and what happened (null for a plain count update). */
    public record Event(long unreadCount, String kind, String actorName, String sentence, String link, Long postId) {
    }

    private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    /** Members with streams on other nodes: member → node → when that node's word expires (epoch ms). */
    private final Map<Long, Map<String, Long>> remote = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ClusterBus bus;
    private final JsonMapper json;
    private volatile boolean running;

    public NotificationHub(MeterRegistry meters, ClusterBus bus, JsonMapper json) {
        this.bus = bus;
        this.json = json;
        Gauge.builder("rapport.notification.streams", open, AtomicInteger::get)
                .description("Open server-sent event streams").register(meters);
        bus.on(LIVE, this::deliverFromAnotherNode);
        bus.on(PRESENCE, this::presence);
        bus.on(ClusterBus.CONNECTED, hello -> bus.publishNow(PRESENCE, Map.of("op", "hello")));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every open stream, so that shutdown need not wait for them. */
    @Override
    public void stop() {
        running = false;
        int closed = 0;
        for (Set<SseEmitter> own : streams.values()) {
            for (SseEmitter emitter : own) {
                own.remove(emitter);
                open.decrementAndGet();
                emitter.complete();
                closed++;
            }
        }
        if (closed > 0) {
            log.info("Closed {} notification streams for shutdown", closed);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A new stream for {@code member}, starting with the current unread count. */
    public SseEmitter subscribe(long member, long unreadCount) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> own = streams.computeIfAbsent(member, k -> new CopyOnWriteArraySet<>());
        boolean first = own.isEmpty();
        if (own.size() >= MAX_STREAMS_PER_MEMBER) {
            own.stream().findFirst().ifPresent(oldest -> {
                own.remove(oldest);
                open.decrementAndGet();
                oldest.complete();
            });
        }
        own.add(emitter);
        open.incrementAndGet();
        Runnable drop = () -> {
            if (own.remove(emitter)) {
                open.decrementAndGet();
                if (own.isEmpty()) {
                    announce("-", List.of(member));
                }
            }
        };
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        send(member, emitter, new Event(unreadCount, null, null, null, null, null));
        if (first) {
            announce("+", List.of(member));
        }
        return emitter;
    }

    /** Sends {@code event} to the member's open streams once the current transaction commits. */
    public void publishAfterCommit(long member, java.util.function.Supplier<Event> event) {
        if (!listening(member)) {
            return;
        }
        AfterCommit.run(() -> publish(member, event.get()));
    }

    /**
     * Sends each of {@code members} its event once the current transaction commits; the events are
     * made together ({@code events} may read what they need for all of them in one query).
     */
    public void publishAfterCommit(List<Long> members, Supplier<LongFunction<Event>> events) {
        List<Long> listening = members.stream().filter(this::listening).toList();
        if (listening.isEmpty()) {
            return;
        }
        Runnable send = () -> {
            LongFunction<Event> of = events.get();
            for (long member : listening) {
                publish(member, of.apply(member));
            }
        };
        AfterCommit.run(send);
    }

    /**
     * Sends an event of another name (a new message: {@code message}) to the member's open streams
     * once the current transaction commits; {@code data} is serialised as JSON.
     */
    public void publishAfterCommit(long member, String name, java.util.function.Supplier<?> data) {
        if (!listening(member)) {
            return;
        }
        Runnable send = () -> {
            Object payload = data.get();
            Set<SseEmitter> own = streams.get(member);
            if (own != null) {
                for (SseEmitter emitter : own) {
                    sendNamed(member, emitter, name, payload);
                }
            }
            forward(member, name, payload);
        };
        AfterCommit.run(send);
    }

    /** Whether the member has a stream open on this node or, as far as this node knows, on another. */
    public boolean listening(long member) {
        Set<SseEmitter> own = streams.get(member);
        return (own != null && !own.isEmpty()) || listeningElsewhere(member);
    }

    private boolean listeningElsewhere(long member) {
        Map<String, Long> nodes = remote.get(member);
        if (nodes == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (long until : nodes.values()) {
            if (until > now) {
                return true;
            }
        }
        return false;
    }

    public int openStreams() {
        return open.get();
    }

    void publish(long member, Event event) {
        Set<SseEmitter> own = streams.get(member);
        if (own != null) {
            for (SseEmitter emitter : own) {
                send(member, emitter, event);
            }
        }
        forward(member, "notification", event);
    }

    /** Sends an event made here to the other nodes that have streams of the member. */
    private void forward(long member, String name, Object data) {
        if (!bus.clustered() || !listeningElsewhere(member)) {
            return;
        }
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("m", member);
        body.put("name", name);
        body.put("data", data);
        bus.publishNow(LIVE, body);
    }

    /** An event another node made for a member with streams here: written to them as it came. */
    private void deliverFromAnotherNode(JsonNode body) {
        long member = body.path("m").asLong();
        Set<SseEmitter> own = streams.get(member);
        if (own == null || own.isEmpty()) {
            return;
        }
        String name = body.path("name").asString("notification");
        String data = json.writeValueAsString(body.path("data"));
        for (SseEmitter emitter : own) {
            try {
                emitter.send(SseEmitter.event().name(name).data(data));
            } catch (IOException | IllegalStateException e) {
                drop(emitter, e);
            }
        }
    }

    private void presence(JsonNode body) {
        String op = body.path("op").asString("");
        String node = body.path("node").asString("");
        if (op.equals("hello")) {
            announceAll();
            return;
        }
        long until = System.currentTimeMillis() + PRESENCE_TTL_MILLIS;
        for (JsonNode m : body.path("members")) {
            long member = m.asLong();
            if (op.equals("-")) {
                remote.computeIfPresent(member, (k, nodes) -> {
                    nodes.remove(node);
                    return nodes.isEmpty() ? null : nodes;
                });
            } else {
                remote.computeIfAbsent(member, k -> new ConcurrentHashMap<>()).put(node, until);
            }
        }
    }

    private void announce(String op, List<Long> members) {
        if (bus.clustered() && !members.isEmpty()) {
            bus.publishNow(PRESENCE, Map.of("op", op, "node", bus.nodeId(), "members", members));
        }
    }

    private void announceAll() {
        if (!bus.clustered()) {
            return;
        }
        List<Long> mine = streams.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        for (int i = 0; i < mine.size(); i += PRESENCE_CHUNK) {
            announce("=", mine.subList(i, Math.min(mine.size(), i + PRESENCE_CHUNK)));
        }
    }

    private void send(long member, SseEmitter emitter, Event event) {
        sendNamed(member, emitter, "notification", event);
    }

    private void sendNamed(long member, SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a notification stream of member {}: {}", member, e.getMessage());
            drop(emitter, e);
        }
    }

    /**
     * Ends a stream a write failed on. When the client has gone, the container may already have
     * ended the request, and then ending it again throws: that must not reach the writer, whose
     * own request (a message sent, an update shared) succeeded.
     */
    private static void drop(SseEmitter emitter, Exception cause) {
        try {
            emitter.completeWithError(cause);
        } catch (RuntimeException alreadyEnded) {
            log.debug("The notification stream had already ended: {}", alreadyEnded.getMessage());
        }
    }

    @Scheduled(fixedDelay = HEARTBEAT_SECONDS * 1000, initialDelay = HEARTBEAT_SECONDS * 1000)
    void heartbeat() {
        streams.forEach((member, own) -> {
            for (SseEmitter emitter : own) {
                try {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException e) {
                    drop(emitter, e);
                }
            }
        });
        streams.entrySet().removeIf(e -> e.getValue().isEmpty());
        announceAll();
        long now = System.currentTimeMillis();
        remote.values().forEach(nodes -> nodes.values().removeIf(until -> until <= now));
        remote.values().removeIf(Map::isEmpty);
    }
}
