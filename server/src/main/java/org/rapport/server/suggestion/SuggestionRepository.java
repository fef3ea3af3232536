package org.rapport.server.suggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Dismissals (written here) and the background read model suggestions need: who worked at a
 * company or studied at a school in given years, and the positions, schools, industry and
 * location of a set of candidates (read from the member feature's tables).
 */
@Repository
class SuggestionRepository {

    /** A period at a company or a school; {@code to} null while current, {@code from} null when unknown. */
    record Stint(long memberId, String label, String key, Integer from, Integer to) {
    }

    /** Industry and location of a member, as written. */
    record Place(String industry, String location) {
    }

    private final JdbcClient jdbc;

    SuggestionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code member} does not want {@code dismissed} suggested again; true if new. */
    boolean dismiss(long member, long dismissed, Instant now) {
        return jdbc.sql("""
                        INSERT INTO suggestion_dismissals (member_id, dismissed_id, dismissed_at)
                        VALUES (:m, :d, :now) ON CONFLICT DO NOTHING""")
                .param("m", member).param("d", dismissed).param("now", now.toEpochMilli())
                .update() > 0;
    }

    Set<Long> dismissed(long member) {
        return new HashSet<>(jdbc.sql("SELECT dismissed_id FROM suggestion_dismissals WHERE member_id = :m")
                .param("m", member).query(Long.class).list());
    }

    List<Stint> positions(long member) {
        return positions(List.of(member));
    }

    List<Stint> positions(Collection<Long> members) {
        return stints("SELECT member_id, company, company_key, start_year, end_year FROM member_positions"
                + " WHERE member_id IN (:ids) ORDER BY member_id, ordinal", members);
    }

    List<Stint> education(long member) {
        return education(List.of(member));
    }

    List<Stint> education(Collection<Long> members) {
        return stints("SELECT member_id, school, school_key, start_year, end_year FROM member_education"
                + " WHERE member_id IN (:ids) ORDER BY member_id, ordinal", members);
    }

    private List<Stint> stints(String sql, Collection<Long> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        List<Stint> out = new ArrayList<>();
        for (List<Long> chunk : chunks(members)) {
            out.addAll(jdbc.sql(sql).param("ids", chunk).query((rs, n) -> new Stint(rs.getLong(1), rs.getString(2),
                    rs.getString(3), year(rs, 4), year(rs, 5))).list());
        }
        return out;
    }

    private static Integer year(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        int year = rs.getInt(column);
        return rs.wasNull() ? null : year;
    }

    Map<Long, Place> places(Collection<Long> members) {
        Map<Long, Place> out = new HashMap<>();
        for (List<Long> chunk : chunks(members)) {
            jdbc.sql("SELECT id, industry, location FROM members WHERE id IN (:ids)").param("ids", chunk)
                    .query(rs -> {
                        out.put(rs.getLong(1), new Place(rs.getString(2), rs.getString(3)));
                    });
        }
        return out;
    }

    /**
     * Members other than {@code me} with a position at {@code companyKey} overlapping the years
     * {@code from}–{@code to} (unknown years overlap everything), current ones first.
     */
    List<Long> colleagues(long me, String companyKey, int from, int to, int limit) {
        return jdbc.sql("""
                        SELECT member_id FROM member_positions
                        WHERE company_key = :key AND member_id <> :me
                          AND (start_year IS NULL OR start_year <= :to)
                          AND (end_year IS NULL OR end_year >= :from)
                        GROUP BY member_id
                        ORDER BY max(CASE WHEN end_year IS NULL THEN 9999 ELSE end_year END) DESC, member_id
                        LIMIT :limit""")
                .param("key", companyKey).param("me", me).param("from", from).param("to", to).param("limit", limit)
                .query(Long.class).list();
    }

    /** The groups I belong to, smallest first (a small group says more about who I know), at most {@code limit}. */
    List<Long> myGroups(long me, int limit) {
        return jdbc.sql("""
                        SELECT x.group_id FROM group_members x WHERE x.member_id = :me
                        ORDER BY (SELECT count(*) FROM group_members c WHERE c.group_id = x.group_id), x.group_id
                        LIMIT :limit""")
                .param("me", me).param("limit", limit).query(Long.class).list();
    }

    /** The group's most recent members other than {@code me} (one range of the directory index). */
    List<Long> fellowMembers(long me, long group, int limit) {
        return jdbc.sql("""
                        SELECT member_id FROM group_members WHERE group_id = :g AND member_id <> :me
                        ORDER BY joined_at DESC, member_id DESC LIMIT :limit""")
                .param("g", group).param("me", me).param("limit", limit).query(Long.class).list();
    }

    /** For each of {@code ids} who shares a group with {@code me}: the first such group's name. */
    Map<Long, String> sharedGroup(long me, Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("""
                            SELECT y.member_id, min(g.name) FROM group_members x
                            JOIN group_members y ON y.group_id = x.group_id JOIN groups g ON g.id = x.group_id
                            WHERE x.member_id = :me AND y.member_id IN (:ids) GROUP BY y.member_id""")
                    .param("me", me).param("ids", chunk)
                    .query((java.sql.ResultSet rs) -> {
                        out.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return out;
    }

    /** Members other than {@code me} at {@code schoolKey} in years near {@code from}–{@code to}. */
    List<Long> classmates(long me, String schoolKey, int from, int to, int limit) {
        return jdbc.sql("""
                        SELECT member_id FROM member_education
                        WHERE school_key = :key AND member_id <> :me
                          AND (start_year IS NULL OR start_year <= :to)
                          AND (end_year IS NULL OR end_year >= :from)
                        GROUP BY member_id
                        ORDER BY member_id
                        LIMIT :limit""")
                .param("key", schoolKey).param("me", me).param("from", from).param("to", to).param("limit", limit)
                .query(Long.class).list();
    }

    /**
     * Members other than {@code me} who share my location or my industry exactly (the public part
     * of every profile), newest first, at most {@code limit} of each: a first day's suggestions
     * when nothing else finds any (issue 18).
     */
    List<Long> samePlace(long me, String location, String industry, int limit) {
        List<Long> out = new ArrayList<>();
        if (!location.isBlank()) {
            out.addAll(jdbc.sql("SELECT id FROM members WHERE location = :v AND id <> :me ORDER BY id DESC LIMIT :limit")
                    .param("v", location).param("me", me).param("limit", limit).query(Long.class).list());
        }
        if (!industry.isBlank()) {
            out.addAll(jdbc.sql("SELECT id FROM members WHERE industry = :v AND id <> :me ORDER BY id DESC LIMIT :limit")
                    .param("v", industry).param("me", me).param("limit", limit).query(Long.class).list());
        }
        return out;
    }

    /** Members other than {@code me} who were ever at {@code companyKey}, at most {@code limit}. */
    List<Long> everAt(long me, String companyKey, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT member_id FROM member_positions WHERE company_key = :key AND member_id <> :me
                        ORDER BY member_id DESC LIMIT :limit""")
                .param("key", companyKey).param("me", me).param("limit", limit).query(Long.class).list();
    }

    /** The member's connections who let nobody see their connections (I1: ONLY_ME). */
    Set<Long> connectionsKeepingTheirList(long member) {
        return new HashSet<>(jdbc.sql("""
                        SELECT m.id FROM connections c JOIN members m ON m.id = c.member_hi
                        WHERE c.member_lo = :me AND m.connections_visibility = 'ONLY_ME'
                        UNION
                        SELECT m.id FROM connections c JOIN members m ON m.id = c.member_lo
                        WHERE c.member_hi = :me AND m.connections_visibility = 'ONLY_ME'""")
                .param("me", member).query(Long.class).list());
    }

    /** Those of {@code members} who show their whole profile only to their network (I3). */
    Set<Long> keptToNetwork(Collection<Long> members) {
        Set<Long> out = new HashSet<>();
        for (List<Long> chunk : chunks(members)) {
            out.addAll(jdbc.sql("SELECT id FROM members WHERE id IN (:ids) AND profile_visibility = 'NETWORK'")
                    .param("ids", chunk).query(Long.class).list());
        }
        return out;
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }
}
