package org.rapport.server.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.rapport.server.member.Education;
import org.rapport.server.member.Position;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what the search index and the colleague and classmate searches need from the member tables. */
@Repository
class SearchRepository {

    /** Counts that tell whether the index still matches the {@code members} table. */
    record Fingerprint(long count, long maxId, long maxUpdatedAt) {
    }

    /** One position or school of a member: the place key and display, and the years (null when open). */
    record Place(long memberId, String key, String name, Integer from, Integer to) {
    }

    private static final String MEMBER_COLUMNS = """
            id, first_name, last_name, headline, location, industry, profile_visibility, updated_at""";

    private final JdbcClient jdbc;

    SearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Fingerprint fingerprint() {
        return jdbc.sql("SELECT count(*), coalesce(max(id), 0), coalesce(max(updated_at), 0) FROM members")
                .query((rs, n) -> new Fingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    Optional<PersonDocument> find(long id) {
        List<PersonDocument> found = load(id, id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every member, in batches of ids, for a rebuild; each batch is a handful of range queries. */
    void forEach(int batchSize, Consumer<List<PersonDocument>> batch) {
        long after = 0;
        while (true) {
            List<Long> ids = jdbc.sql("SELECT id FROM members WHERE id > :after ORDER BY id LIMIT :n")
                    .param("after", after).param("n", batchSize).query(Long.class).list();
            if (ids.isEmpty()) {
                return;
            }
            batch.accept(load(ids.get(0), ids.get(ids.size() - 1)));
            after = ids.get(ids.size() - 1);
        }
    }

    private List<PersonDocument> load(long from, long to) {
        Map<Long, List<Position>> positions = new HashMap<>();
        jdbc.sql("""
                SELECT member_id, company, title, start_year, end_year FROM member_positions
                WHERE member_id BETWEEN :from AND :to ORDER BY member_id, ordinal""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    positions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Position(
                            rs.getString(2), rs.getString(3), year(rs.getObject(4)), year(rs.getObject(5))));
                });
        Map<Long, List<Education>> education = new HashMap<>();
        jdbc.sql("""
                SELECT member_id, school, degree, start_year, end_year FROM member_education
                WHERE member_id BETWEEN :from AND :to ORDER BY member_id, ordinal""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    education.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Education(
                            rs.getString(2), rs.getString(3), year(rs.getObject(4)), year(rs.getObject(5))));
                });
        Map<Long, List<String>> skills = new HashMap<>();
        jdbc.sql("""
                SELECT member_id, name FROM member_skills
                WHERE member_id BETWEEN :from AND :to ORDER BY member_id, ordinal""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    skills.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE id BETWEEN :from AND :to ORDER BY id")
                .param("from", from).param("to", to)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    return new PersonDocument(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), "NETWORK".equals(rs.getString(7)), rs.getLong(8),
                            positions.getOrDefault(id, List.of()), education.getOrDefault(id, List.of()),
                            skills.getOrDefault(id, List.of()));
                }).list();
    }

    /** The member's own companies (or schools) with years, most recent first. */
    List<Place> positionsOf(long member) {
        return jdbc.sql("""
                SELECT member_id, company_key, company, start_year, end_year FROM member_positions
                WHERE member_id = :m ORDER BY ordinal""")
                .param("m", member).query(SearchRepository::place).list();
    }

    List<Place> schoolsOf(long member) {
        return jdbc.sql("""
                SELECT member_id, school_key, school, start_year, end_year FROM member_education
                WHERE member_id = :m ORDER BY ordinal""")
                .param("m", member).query(SearchRepository::place).list();
    }

    /** Everyone else's positions at these companies (by key). */
    List<Place> positionsAt(Collection<String> keys, long except) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT member_id, company_key, company, start_year, end_year FROM member_positions
                WHERE company_key IN (:keys) AND member_id <> :me""")
                .param("keys", keys).param("me", except).query(SearchRepository::place).list();
    }

    /** Everyone else's studies at these schools (by key). */
    List<Place> studiesAt(Collection<String> keys, long except) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT member_id, school_key, school, start_year, end_year FROM member_education
                WHERE school_key IN (:keys) AND member_id <> :me""")
                .param("keys", keys).param("me", except).query(SearchRepository::place).list();
    }

    /** Of these members, those who keep their profile to their network. */
    List<Long> limitedAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM members WHERE id IN (:ids) AND profile_visibility = 'NETWORK'")
                .param("ids", ids).query(Long.class).list();
    }

    private static Place place(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Place(rs.getLong(1), rs.getString(2), rs.getString(3), year(rs.getObject(4)), year(rs.getObject(5)));
    }

    private static Integer year(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
