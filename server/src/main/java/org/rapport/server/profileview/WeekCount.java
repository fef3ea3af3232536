package org.rapport.server.profileview;

import java.time.Instant;

/** Profile views in one week: {@code weekStart} is the UTC epoch millisecond of its Monday. */
public record WeekCount(long weekStart, int views) {

    public Instant start() {
        return Instant.ofEpochMilli(weekStart);
    }
}
