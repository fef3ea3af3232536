package org.rapport.server.people;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Network at a glance" on My Network (issue 18): my connections counted by current company,
 * industry and location (the five largest of each), and how many connections I had at the end of
 * each of the last twelve months. Only my own 1st-degree connections are counted, whose profiles
 * I see in full. Four grouped queries over my connections; cost grows with my connection count.
 */
@Component
public class NetworkGlance {

    static final int TOP = 5;
    static final int MONTHS = 12;

    /** A bar: a label and how many connections it stands for. */
    public record Bar(String label, long count) {
    }

    /** A month's end and the number of connections then. */
    public record Month(String label, long total) {
    }

    /** The charts' data; {@code max*} scale the bars. */
    public record Glance(List<Bar> companies, List<Bar> industries, List<Bar> locations, List<Month> growth) {

        public long maxOf(List<Bar> bars) {
            return bars.stream().mapToLong(Bar::count).max().orElse(1);
        }

        public long maxTotal() {
            return Math.max(1, growth.stream().mapToLong(Month::total).max().orElse(1));
        }

        /** The growth line's points in a {@code w} × {@code h} box (y grows downwards). */
        public String points(int w, int h) {
            StringBuilder sb = new StringBuilder();
            long top = maxTotal();
            for (int i = 0; i < growth.size(); i++) {
                long x = growth.size() == 1 ? 0 : (long) i * w / (growth.size() - 1);
                long y = h + 2 - growth.get(i).total() * h / top;
                sb.append(i == 0 ? "" : " ").append(x).append(',').append(y);
            }
            return sb.toString();
        }

        public boolean isEmpty() {
            return growth.isEmpty() || growth.get(growth.size() - 1).total() == 0;
        }
    }

    private static final String MINE = """
            (SELECT member_hi AS other, created_at FROM connections WHERE member_lo = :me
             UNION ALL SELECT member_lo AS other, created_at FROM connections WHERE member_hi = :me) c""";

    private final JdbcClient jdbc;
    private final Clock clock;

    NetworkGlance(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Glance of(long me) {
        List<Bar> companies = bars("""
                SELECT min(p.company), count(DISTINCT c.other) FROM %s
                JOIN member_positions p ON p.member_id = c.other AND p.end_year IS NULL
                GROUP BY p.company_key ORDER BY count(DISTINCT c.other) DESC, min(p.company) LIMIT :top""".formatted(MINE), me);
        List<Bar> industries = bars("""
                SELECT m.industry, count(*) FROM %s JOIN members m ON m.id = c.other
                WHERE m.industry <> '' GROUP BY m.industry ORDER BY count(*) DESC, m.industry LIMIT :top""".formatted(MINE), me);
        List<Bar> locations = bars("""
                SELECT m.location, count(*) FROM %s JOIN members m ON m.id = c.other
                WHERE m.location <> '' GROUP BY m.location ORDER BY count(*) DESC, m.location LIMIT :top""".formatted(MINE), me);
        return new Glance(companies, industries, locations, growth(me));
    }

    private List<Bar> bars(String sql, long me) {
        return jdbc.sql(sql).param("me", me).param("top", TOP)
                .query((rs, n) -> new Bar(rs.getString(1), rs.getLong(2))).list();
    }

    /** Connections at the end of each of the last twelve months (this one up to now), oldest first. */
    private List<Month> growth(long me) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth first = now.minusMonths(MONTHS - 1);
        long before = jdbc.sql("SELECT count(*) FROM " + MINE + " WHERE c.created_at < :from")
                .param("me", me).param("from", first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli())
                .query(Long.class).single();
        long[] perMonth = new long[MONTHS];
        jdbc.sql("SELECT c.created_at FROM " + MINE + " WHERE c.created_at >= :from")
                .param("me", me).param("from", first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli())
                .query((java.sql.ResultSet rs) -> {
                    YearMonth m = YearMonth.from(Instant.ofEpochMilli(rs.getLong(1)).atZone(ZoneOffset.UTC));
                    int i = (int) first.until(m, java.time.temporal.ChronoUnit.MONTHS);
                    if (i >= 0 && i < MONTHS) {
                        perMonth[i]++;
                    }
                });
        List<Month> out = new ArrayList<>(MONTHS);
        long total = before;
        for (int i = 0; i < MONTHS; i++) {
            total += perMonth[i];
            YearMonth m = first.plusMonths(i);
            out.add(new Month(m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.getYear(), total));
        }
        return out;
    }
}
