package org.rapport.server.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes notifications inside the transaction of the change they report (so a notification never
 * exists without its cause) and reads them back for their owner.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final MemberRepository members;
    private final NetworkService network;
    private final Clock clock;
    private final NotificationHub hub;
    private final TransactionTemplate tx;

    public NotificationService(NotificationRepository notifications, MemberRepository members,
                               NetworkService network, Clock clock, NotificationHub hub, TransactionTemplate tx) {
        this.hub = hub;
        this.tx = tx;
        this.notifications = notifications;
        this.members = members;
        this.network = network;
        this.clock = clock;
    }

    /**
     * Records a notification for {@code memberId}, unless they turned this kind off, and pushes it
     * to their open pages once the transaction commits. Call inside the transaction that made the
     * change.
     */
    public void notify(long memberId, NotificationKind kind, long actorId, Long invitationId) {
        if (!preference(memberId, kind).inApp()) {
            return;
        }
        notifications.insert(memberId, kind, actorId, invitationId, null, Instant.now(clock));
        push(memberId, kind, actorId, null);
    }

    /**
     * {@link #notify}, unless {@code actorId} already gave {@code memberId} a notification of this
     * kind within {@code window} (issue 15: following and unfollowing twenty times is one "new
     * follower" a day, not twenty).
     */
    public void notifyAtMostOncePer(java.time.Duration window, long memberId, NotificationKind kind, long actorId) {
        Instant now = Instant.now(clock);
        if (notifications.existsSince(memberId, kind, actorId, now.minus(window))) {
            return;
        }
        notify(memberId, kind, actorId, null);
    }

    /**
     * Records a notification about a group for {@code memberId} (unless they turned the kind off)
     * and pushes it after commit. Call inside the transaction that made the change.
     */
    public void notifyAboutGroup(long memberId, NotificationKind kind, long actorId, long groupId) {
        if (!preference(memberId, kind).inApp()) {
            return;
        }
        notifications.insertForGroup(memberId, kind, actorId, groupId, Instant.now(clock));
        if (hub.listening(memberId)) {
            String link = new Notification(0, kind, null, null, null, null, false, groupId).link();
            hub.publishAfterCommit(memberId, () -> new NotificationHub.Event(notifications.unreadCount(memberId),
                    kind.name(), actorName(actorId), Notification.sentence(kind), link, null));
        }
    }

    /**
     * One notification about an update for each recipient who did not turn the kind off, written
     * as one batch, pushed after commit to those with an open page.
     */
    public void notifyAboutPost(List<Long> recipients, NotificationKind kind, long authorId, long postId) {
        if (recipients.isEmpty()) {
            return;
        }
        Set<Long> out = notifications.optedOut(recipients, kind);
        List<Long> to = recipients.stream().filter(m -> !out.contains(m)).toList();
        notifications.insertForPost(to, kind, authorId, postId, Instant.now(clock));
        // One name lookup and one grouped count for everyone with an open page, however many.
        List<Long> listening = to.stream().filter(hub::listening).toList();
        if (listening.isEmpty()) {
            return;
        }
        String author = actorName(authorId);
        hub.publishAfterCommit(listening, () -> {
            Map<Long, Long> unread = notifications.unreadCounts(listening);
            return m -> new NotificationHub.Event(unread.getOrDefault(m, 0L), kind.name(), author,
                    Notification.sentence(kind), "/posts/" + postId, postId);
        });
    }

    private String actorName(long actorId) {
        return members.findSummaries(List.of(actorId)).values().stream().findFirst()
                .map(MemberSummary::name).orElse("Someone");
    }

    private void push(long memberId, NotificationKind kind, long actorId, Long postId) {
        if (!hub.listening(memberId)) {
            return;
        }
        hub.publishAfterCommit(memberId, () -> new NotificationHub.Event(notifications.unreadCount(memberId),
                kind.name(), actorName(actorId),
                Notification.sentence(kind),
                kind == NotificationKind.INVITATION_RECEIVED ? "/network"
                        : postId != null ? "/posts/" + postId : "/members/" + actorId,
                postId));
    }

    /** Tells a member's open pages the unread count changed (they read their notifications elsewhere). */
    public void pushCount(long memberId) {
        if (hub.listening(memberId)) {
            hub.publishAfterCommit(memberId, () -> new NotificationHub.Event(notifications.unreadCount(memberId),
                    null, null, null, null, null));
        }
    }

    /** Every kind's preference for the member: what they chose, or the kind's default. */
    public Map<NotificationKind, NotificationPreference> preferences(long memberId) {
        Map<NotificationKind, NotificationPreference> chosen = notifications.preferences(memberId);
        Map<NotificationKind, NotificationPreference> all = new java.util.EnumMap<>(NotificationKind.class);
        for (NotificationKind k : NotificationKind.values()) {
            all.put(k, chosen.getOrDefault(k, k.defaultPreference()));
        }
        return all;
    }

    /** A live stream of my notifications (server-sent events). */
    public org.springframework.web.servlet.mvc.method.annotation.SseEmitter subscribe(long memberId) {
        return hub.subscribe(memberId, notifications.unreadCount(memberId));
    }

    public Digest digest(long memberId) {
        return notifications.digest(memberId);
    }

    public void setDigest(long memberId, Digest digest) {
        tx.executeWithoutResult(status -> notifications.setDigest(memberId, digest));
    }

    public NotificationPreference preference(long memberId, NotificationKind kind) {
        return notifications.preferences(memberId).getOrDefault(kind, kind.defaultPreference());
    }

    public void savePreferences(long memberId, Map<NotificationKind, NotificationPreference> preferences) {
        preferences.forEach((k, p) -> {
            if (k == null || p == null) {
                throw new org.rapport.server.system.ValidationException("kinds", "Each kind needs {inApp, email}.");
            }
        });
        tx.executeWithoutResult(status -> preferences.forEach((k, p) -> notifications.savePreference(memberId, k, p)));
    }

    public Page<Notification> list(long memberId, PageRequest page) {
        Long before = page.cursor() == null ? null
                : Cursor.parseLong(Cursor.decode(page.cursor(), "n", 1).get(0));
        List<NotificationRepository.Row> rows = new ArrayList<>(notifications.page(memberId, before, page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("n", rows.get(rows.size() - 1).id());
        }
        Map<Long, MemberSummary> actors = members.findSummaries(
                rows.stream().map(NotificationRepository.Row::actorId).filter(Objects::nonNull).distinct().toList());
        List<Notification> items = new ArrayList<>();
        for (NotificationRepository.Row r : rows) {
            MemberSummary actor = r.actorId() == null ? null : actors.get(r.actorId());
            if (actor == null) {
                continue;
            }
            items.add(new Notification(r.id(), r.kind(), network.card(memberId, actor), r.invitationId(),
                    r.postId(), r.createdAt(), r.read(), r.groupId()));
        }
        return new Page<>(items, next, notifications.count(memberId));
    }

    public long unreadCount(long memberId) {
        return notifications.unreadCount(memberId);
    }

    public int markAllRead(long memberId) {
        int n = notifications.markAllRead(memberId, Instant.now(clock));
        pushCount(memberId);
        return n;
    }
}
