package org.rapport.server.notification;

/** How often the e-mail digest of notifications comes (never, daily, weekly). */
public enum Digest {
    OFF, DAILY, WEEKLY;

    public java.time.Duration every() {
        return switch (this) {
            case OFF -> null;
            case DAILY -> java.time.Duration.ofDays(1);
            case WEEKLY -> java.time.Duration.ofDays(7);
        };
    }
}
