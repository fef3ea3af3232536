package org.rapport.server.profileview;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code profile_views} table. */
@Repository
class ProfileViewRepository {

    private static final long DAY_MILLIS = 86_400_000L;

    /** One view to store: who looked at whom, when. */
    record View(long viewerId, long viewedId, Instant at) {
    }

    /** A profile and how many distinct viewers of another profile also viewed it. */
    record CoView(long memberId, int viewers) {
    }

    private final JdbcClient jdbc;

    ProfileViewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores views, one row per viewer, profile and UTC day; a later view the same day only moves
     * {@code viewed_at}. Views of members deleted meanwhile are dropped by the caller's retry.
     */
    void insert(List<View> views) {
        for (View v : views) {
            jdbc.sql("""
                            INSERT INTO profile_views (viewer_id, viewed_id, day, viewed_at)
                            SELECT :viewer, :viewed, :day, :at
                            WHERE EXISTS (SELECT 1 FROM members WHERE id = :viewer)
                              AND EXISTS (SELECT 1 FROM members WHERE id = :viewed)
                            ON CONFLICT (viewed_id, day, viewer_id) DO UPDATE SET viewed_at = excluded.viewed_at""")
                    .param("viewer", v.viewerId()).param("viewed", v.viewedId())
                    .param("day", Math.floorDiv(v.at().toEpochMilli(), DAY_MILLIS)).param("at", v.at().toEpochMilli())
                    .update();
        }
    }

    /**
     * Profiles most viewed by the most recent viewers of {@code member} since {@code since}: each
     * counted once per viewer, most shared viewers first. {@code member} and {@code viewer}
     * themselves are left out.
     */
    List<CoView> alsoViewed(long member, long viewer, Instant since, int recentViewers, int minViewers, int limit) {
        // Only viewers who keep People Also Viewed on lend their views to it, and a co-viewed member
        // is named only when at least minViewers distinct viewers are behind it: one person's
        // browsing is never shown (issue 15).
        return jdbc.sql("""
                        WITH viewers AS (
                            SELECT pv.viewer_id FROM profile_views pv JOIN members vm ON vm.id = pv.viewer_id
                            WHERE pv.viewed_id = :member AND pv.viewed_at >= :since AND pv.viewer_id <> :viewer
                              AND vm.show_also_viewed = TRUE
                            GROUP BY pv.viewer_id
                            ORDER BY max(pv.viewed_at) DESC
                            LIMIT :recent)
                        SELECT pv.viewed_id, count(DISTINCT pv.viewer_id) AS n
                        FROM profile_views pv JOIN viewers v ON v.viewer_id = pv.viewer_id
                        WHERE pv.viewed_at >= :since AND pv.viewed_id <> :member AND pv.viewed_id <> :viewer
                        GROUP BY pv.viewed_id
                        HAVING count(DISTINCT pv.viewer_id) >= :k
                        ORDER BY n DESC, pv.viewed_id
                        LIMIT :limit""")
                .param("member", member).param("viewer", viewer).param("since", since.toEpochMilli())
                .param("recent", recentViewers).param("k", minViewers).param("limit", limit)
                .query((rs, n) -> new CoView(rs.getLong(1), rs.getInt(2)))
                .list();
    }

    /** Distinct viewer-days per week since {@code since}, oldest week first, weeks without views left out. */
    List<WeekCount> weeklyCounts(long member, Instant since) {
        // 1970-01-05 was a Monday: shift by 4 days so weeks start on Mondays.
        return jdbc.sql("""
                        SELECT (day + 3) / 7 AS week, count(*) FROM profile_views
                        WHERE viewed_id = :member AND viewed_at >= :since
                        GROUP BY (day + 3) / 7 ORDER BY week""")
                .param("member", member).param("since", since.toEpochMilli())
                .query((rs, n) -> new WeekCount((rs.getLong(1) * 7 - 3) * DAY_MILLIS, rs.getInt(2)))
                .list();
    }

    /** The members who viewed {@code member} most recently since {@code since}, newest first. */
    List<Long> recentViewers(long member, Instant since, int limit) {
        return jdbc.sql("""
                        SELECT viewer_id FROM profile_views
                        WHERE viewed_id = :member AND viewed_at >= :since
                        GROUP BY viewer_id ORDER BY max(viewed_at) DESC, viewer_id LIMIT :limit""")
                .param("member", member).param("since", since.toEpochMilli()).param("limit", limit)
                .query(Long.class).list();
    }

    long distinctViewers(long member, Instant since) {
        return jdbc.sql("SELECT count(DISTINCT viewer_id) FROM profile_views WHERE viewed_id = :member AND viewed_at >= :since")
                .param("member", member).param("since", since.toEpochMilli()).query(Long.class).single();
    }
}
