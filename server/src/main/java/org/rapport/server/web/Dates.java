package org.rapport.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages write times and numbers: "3 days ago", "25 May 2027", "1,234". */
public final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Dates() {
    }

    /** "3 Mar", for chart axes. */
    public static String shortDate(Instant instant) {
        return instant == null ? "" : SHORT_DAY.format(instant);
    }

    public static String date(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** Relative to the wall clock; pages only. */
    public static String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(instant, Instant.now());
        if (d.isNegative()) {
            return "just now";
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute ago" : " minutes ago");
        }
        long hours = d.toHours();
        if (hours < 24) {
            return hours + (hours == 1 ? " hour ago" : " hours ago");
        }
        long days = d.toDays();
        if (days < 30) {
            return days + (days == 1 ? " day ago" : " days ago");
        }
        if (days < 365) {
            long months = days / 30;
            return months + (months == 1 ? " month ago" : " months ago");
        }
        return "on " + date(instant);
    }

    /** The first character (a whole code point), upper case: a logo placeholder. */
    public static String initial(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return new String(Character.toChars(s.codePointAt(0))).toUpperCase(Locale.ROOT);
    }

    public static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }
}
