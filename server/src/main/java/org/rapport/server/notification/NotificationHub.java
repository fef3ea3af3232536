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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

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
 * <p>Streams live in this node's memory: a member connected to another node hears of events
 * created there when the graph replication of J3 carries notifications too.
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

    /** What a stream receives: the new unread count, and what happened (null for a plain count update). */
    public record Event(long unreadCount, String kind, String actorName, String sentence, String link, Long postId) {
    }

    private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running;

    public NotificationHub(MeterRegistry meters) {
        Gauge.builder("rapport.notification.streams", open, AtomicInteger::get)
                .description("Open server-sent event streams").register(meters);
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
            }
        };
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        send(member, emitter, new Event(unreadCount, null, null, null, null, null));
        return emitter;
    }

    /** Sends {@code event} to the member's open streams once the current transaction commits. */
    public void publishAfterCommit(long member, java.util.function.Supplier<Event> event) {
        if (!streams.containsKey(member)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(member, event.get());
                }
            });
        } else {
            publish(member, event.get());
        }
    }

    /**
     * Sends each of {@code members} its event once the current transaction commits; the events are
     * made together ({@code events} may read what they need for all of them in one query).
     */
    public void publishAfterCommit(List<Long> members, Supplier<LongFunction<Event>> events) {
        Runnable send = () -> {
            LongFunction<Event> of = events.get();
            for (long member : members) {
                publish(member, of.apply(member));
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }

    /**
     * Sends an event of another name (a new message: {@code message}) to the member's open streams
     * once the current transaction commits; {@code data} is serialised as JSON.
     */
    public void publishAfterCommit(long member, String name, java.util.function.Supplier<?> data) {
        if (!streams.containsKey(member)) {
            return;
        }
        Runnable send = () -> {
            Set<SseEmitter> own = streams.get(member);
            if (own == null) {
                return;
            }
            Object payload = data.get();
            for (SseEmitter emitter : own) {
                sendNamed(member, emitter, name, payload);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }

    public boolean listening(long member) {
        Set<SseEmitter> own = streams.get(member);
        return own != null && !own.isEmpty();
    }

    public int openStreams() {
        return open.get();
    }

    void publish(long member, Event event) {
        Set<SseEmitter> own = streams.get(member);
        if (own == null) {
            return;
        }
        for (SseEmitter emitter : own) {
            send(member, emitter, event);
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
    }
}
