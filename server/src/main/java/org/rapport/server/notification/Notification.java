package org.rapport.server.notification;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** A notification as its owner sees it; {@code actor} is who caused it. */
public record Notification(long id, NotificationKind kind, MemberCard actor, Long invitationId, Instant createdAt,
                           boolean read) {

    /** The sentence a page shows after the actor's name. */
    public String sentence() {
        return switch (kind) {
            case INVITATION_RECEIVED -> "invited you to connect.";
            case INVITATION_ACCEPTED -> "accepted your invitation. You are now connected.";
        };
    }
}
