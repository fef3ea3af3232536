package org.rapport.server.notification;

/** What a notification is about. Stored by name; later features add kinds. */
public enum NotificationKind {
    /** Someone invited me to connect (actor: the sender). */
    INVITATION_RECEIVED,
    /** Someone accepted my invitation (actor: the recipient). */
    INVITATION_ACCEPTED
}
