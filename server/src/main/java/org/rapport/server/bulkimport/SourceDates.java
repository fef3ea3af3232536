package org.rapport.server.bulkimport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads the date forms found in network data sets, as epoch milliseconds (UTC):
 * <ul>
 *   <li>LDBC Datagen's compact form {@code 20100422123057947} ({@code yyyyMMddHHmmssSSS}, 17 digits);</li>
 *   <li>a compact date {@code 20100422} (8 digits);</li>
 *   <li>other digit strings: epoch milliseconds (LDBC's CsvBasic files, {@code 1278777892244});</li>
 *   <li>ISO-8601: {@code 2010-04-22T12:30:57.947Z}, with an offset ({@code +00:00} or LDBC's
 *       {@code +0000}), without one (taken as UTC), or a date alone ({@code 2010-04-22}).</li>
 * </ul>
 */
final class SourceDates {

    private static final DateTimeFormatter COMPACT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendValue(ChronoField.MILLI_OF_SECOND, 3)
            .toFormatter();

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** ISO date-time with an optional offset written {@code Z}, {@code +00:00} or {@code +0000}. */
    private static final DateTimeFormatter ISO_FLEXIBLE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private SourceDates() {
    }

    /**
     * The instant {@code text} names, in epoch milliseconds.
     *
     * @throws IllegalArgumentException naming the accepted forms, if it is none of them
     */
    static long parse(String text) {
        String s = text.strip();
        try {
            if (isDigits(s)) {
                return switch (s.length()) {
                    case 17 -> LocalDateTime.parse(s, COMPACT).toInstant(ZoneOffset.UTC).toEpochMilli();
                    case 8 -> LocalDate.parse(s, BASIC_DATE).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    default -> {
                        if (s.length() > 15) {
                            throw new IllegalArgumentException("out of range");
                        }
                        yield Long.parseLong(s);
                    }
                };
            }
            return parseIso(s);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a date: \"" + abbreviate(s) + "\" (expected ISO-8601 such as "
                    + "2010-04-22T12:30:57Z, LDBC's 20100422123057947, or epoch milliseconds)");
        }
    }

    /** An ISO-8601 instant, date-time (UTC unless it has an offset) or date (start of day, UTC). */
    static long parseIso(String s) {
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        var parsed = ISO_FLEXIBLE.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
        Instant instant = parsed instanceof OffsetDateTime odt ? odt.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        return instant.toEpochMilli();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
