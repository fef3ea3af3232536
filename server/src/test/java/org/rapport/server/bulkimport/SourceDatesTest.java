package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SourceDatesTest {

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void parse_ldbcCompactDateTime_isUtc() {
        assertThat(SourceDates.parse("20100422123057947")).isEqualTo(millis("2010-04-22T12:30:57.947Z"));
    }

    @Test
    void parse_compactDate_isStartOfDayUtc() {
        assertThat(SourceDates.parse("19891203")).isEqualTo(millis("1989-12-03T00:00:00Z"));
    }

    @Test
    void parse_otherDigits_areEpochMillis() {
        assertThat(SourceDates.parse("1278777892244")).isEqualTo(1_278_777_892_244L);
        assertThat(SourceDates.parse(" 0 ")).isZero();
    }

    @Test
    void parse_isoForms_allMeanTheSameInstant() {
        long expected = millis("2010-04-22T12:30:57.947Z");
        assertThat(SourceDates.parse("2010-04-22T12:30:57.947Z")).isEqualTo(expected);
        assertThat(SourceDates.parse("2010-04-22T12:30:57.947+0000")).isEqualTo(expected);
        assertThat(SourceDates.parse("2010-04-22T14:30:57.947+02:00")).isEqualTo(expected);
        assertThat(SourceDates.parse("2010-04-22T12:30:57.947")).isEqualTo(expected);
        assertThat(SourceDates.parse("2010-04-22 12:30:57.947")).isEqualTo(expected);
        assertThat(SourceDates.parse("2010-04-22")).isEqualTo(millis("2010-04-22T00:00:00Z"));
    }

    @Test
    void parse_garbage_namesTheAcceptedForms() {
        for (String bad : new String[] {"yesterday", "2010-13-01", "2010-04-22T25:00:00Z", "", "12345678901234567890"}) {
            assertThatThrownBy(() -> SourceDates.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ISO-8601");
        }
    }
}
