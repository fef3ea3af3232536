package org.rapport.server.notification;

/** Whether one kind of notification shows in the app, and whether it goes into the e-mail digest. */
public record NotificationPreference(boolean inApp, boolean email) {
}
