package org.rapport.server.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.stereotype.Service;

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

    public NotificationService(NotificationRepository notifications, MemberRepository members,
                               NetworkService network, Clock clock) {
        this.notifications = notifications;
        this.members = members;
        this.network = network;
        this.clock = clock;
    }

    /** Call inside the transaction that made the change. */
    public void notify(long memberId, NotificationKind kind, long actorId, Long invitationId) {
        notifications.insert(memberId, kind, actorId, invitationId, Instant.now(clock));
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
                    r.createdAt(), r.read()));
        }
        return new Page<>(items, next, notifications.count(memberId));
    }

    public long unreadCount(long memberId) {
        return notifications.unreadCount(memberId);
    }

    public int markAllRead(long memberId) {
        return notifications.markAllRead(memberId, Instant.now(clock));
    }
}
