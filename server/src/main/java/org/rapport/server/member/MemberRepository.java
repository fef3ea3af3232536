package org.rapport.server.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.server.system.Text;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members and their profile rows. Plain SQL in the portable subset (see stack.md). */
@Repository
public class MemberRepository {

    /** Stored credentials: the Argon2 hash and the stamp that invalidates sessions when it changes. */
    public record Credentials(long memberId, String passwordHash, String securityStamp) {
    }

    private static final String MEMBER_COLUMNS = """
            id, email, first_name, last_name, headline, location, industry, about, external_id,
            connections_visibility, created_at, photo, profile_visibility""";

    /** The columns {@link #summary} reads; every query of another feature that makes summaries selects them too. */
    public static final String SUMMARY_COLUMNS = "id, first_name, last_name, headline, location, photo, profile_visibility";

    private static final int IN_CHUNK = 500;

    private final JdbcClient jdbc;

    public MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String email, String passwordHash, String securityStamp, String firstName, String lastName,
                       String externalId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO members (email, password_hash, security_stamp, first_name, last_name,
                                             sort_first, sort_last, external_id, created_at, updated_at)
                        VALUES (:email, :hash, :stamp, :first, :last, :sortFirst, :sortLast, :ext, :now, :now)
                        RETURNING id""")
                .param("email", email)
                .param("hash", passwordHash)
                .param("stamp", securityStamp)
                .param("first", firstName)
                .param("last", lastName)
                .param("sortFirst", Text.key(firstName))
                .param("sortLast", Text.key(lastName))
                .param("ext", externalId)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    public Optional<Member> findById(long id) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE id = :id")
                .param("id", id)
                .query(MemberRepository::member)
                .optional();
    }

    public boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    public Optional<Credentials> findCredentialsByEmail(String email) {
        return jdbc.sql("SELECT id, password_hash, security_stamp FROM members WHERE email = :email")
                .param("email", email)
                .query((rs, n) -> new Credentials(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public Optional<Credentials> findCredentials(long id) {
        return jdbc.sql("SELECT id, password_hash, security_stamp FROM members WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Credentials(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public Optional<String> findSecurityStamp(long id) {
        return jdbc.sql("SELECT security_stamp FROM members WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    public Optional<Long> findIdByEmail(String email) {
        return jdbc.sql("SELECT id FROM members WHERE email = :email").param("email", email)
                .query(Long.class).optional();
    }

    public Optional<Long> findIdByExternalId(String externalId) {
        return jdbc.sql("SELECT id FROM members WHERE external_id = :ext").param("ext", externalId)
                .query(Long.class).optional();
    }

    public void updatePassword(long id, String passwordHash, String securityStamp, Instant now) {
        jdbc.sql("UPDATE members SET password_hash = :hash, security_stamp = :stamp, updated_at = :now WHERE id = :id")
                .param("hash", passwordHash).param("stamp", securityStamp).param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM members WHERE id = :id").param("id", id).update() > 0;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM members").query(Long.class).single();
    }

    public Optional<Profile> findProfile(long id) {
        return findById(id).map(member -> new Profile(
                member,
                jdbc.sql("""
                                SELECT company, title, start_year, end_year FROM member_positions
                                WHERE member_id = :id ORDER BY ordinal""")
                        .param("id", id)
                        .query((rs, n) -> new Position(rs.getString(1), rs.getString(2),
                                integer(rs, 3), integer(rs, 4)))
                        .list(),
                jdbc.sql("""
                                SELECT school, degree, start_year, end_year FROM member_education
                                WHERE member_id = :id ORDER BY ordinal""")
                        .param("id", id)
                        .query((rs, n) -> new Education(rs.getString(1), rs.getString(2),
                                integer(rs, 3), integer(rs, 4)))
                        .list(),
                jdbc.sql("SELECT name FROM member_skills WHERE member_id = :id ORDER BY ordinal")
                        .param("id", id).query(String.class).list(),
                jdbc.sql("SELECT name FROM member_interests WHERE member_id = :id ORDER BY ordinal")
                        .param("id", id).query(String.class).list(),
                handles(id)));
    }

    private Map<String, String> handles(long id) {
        Map<String, String> handles = new LinkedHashMap<>();
        jdbc.sql("SELECT network, handle FROM member_handles WHERE member_id = :id ORDER BY network")
                .param("id", id)
                .query((ResultSet rs) -> {
                    handles.put(rs.getString(1), rs.getString(2));
                });
        return handles;
    }

    /** Writes the whole profile (already validated and cleaned) over the stored one. */
    public void replaceProfile(Profile profile, Instant now) {
        Member m = profile.member();
        long id = m.id();
        jdbc.sql("""
                        UPDATE members SET first_name = :first, last_name = :last, sort_first = :sortFirst,
                               sort_last = :sortLast, headline = :headline, location = :location,
                               industry = :industry, about = :about, updated_at = :now
                        WHERE id = :id""")
                .param("first", m.firstName()).param("last", m.lastName())
                .param("sortFirst", Text.key(m.firstName())).param("sortLast", Text.key(m.lastName()))
                .param("headline", m.headline()).param("location", m.location())
                .param("industry", m.industry()).param("about", m.about())
                .param("now", now.toEpochMilli()).param("id", id)
                .update();
        for (String table : List.of("member_positions", "member_education", "member_skills", "member_interests",
                "member_handles")) {
            jdbc.sql("DELETE FROM " + table + " WHERE member_id = :id").param("id", id).update();
        }
        int i = 0;
        for (Position p : profile.positions()) {
            jdbc.sql("""
                            INSERT INTO member_positions (member_id, ordinal, company, company_key, title, start_year, end_year)
                            VALUES (:id, :ord, :company, :key, :title, :from, :to)""")
                    .param("id", id).param("ord", i++).param("company", p.company())
                    .param("key", Text.key(p.company())).param("title", p.title())
                    .param("from", p.from()).param("to", p.to())
                    .update();
        }
        i = 0;
        for (Education e : profile.education()) {
            jdbc.sql("""
                            INSERT INTO member_education (member_id, ordinal, school, school_key, degree, start_year, end_year)
                            VALUES (:id, :ord, :school, :key, :degree, :from, :to)""")
                    .param("id", id).param("ord", i++).param("school", e.school())
                    .param("key", Text.key(e.school())).param("degree", e.degree())
                    .param("from", e.from()).param("to", e.to())
                    .update();
        }
        insertNames("member_skills", id, profile.skills());
        insertNames("member_interests", id, profile.interests());
        for (Map.Entry<String, String> h : profile.handles().entrySet()) {
            jdbc.sql("""
                            INSERT INTO member_handles (member_id, network, handle, handle_key)
                            VALUES (:id, :network, :handle, :key)""")
                    .param("id", id).param("network", h.getKey()).param("handle", h.getValue())
                    .param("key", Text.key(h.getValue()))
                    .update();
        }
    }

    private void insertNames(String table, long id, List<String> names) {
        int i = 0;
        for (String name : names) {
            jdbc.sql("INSERT INTO " + table + " (member_id, name_key, name, ordinal) VALUES (:id, :key, :name, :ord)")
                    .param("id", id).param("key", Text.key(name)).param("name", name).param("ord", i++)
                    .update();
        }
    }

    /** Summaries of the given members, keyed by id; missing ids are absent from the map. */
    public Map<Long, MemberSummary> findSummaries(Collection<Long> ids) {
        Map<Long, MemberSummary> result = new HashMap<>(ids.size() * 2);
        List<Long> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += IN_CHUNK) {
            List<Long> chunk = list.subList(from, Math.min(list.size(), from + IN_CHUNK));
            jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM members WHERE id IN (:ids)")
                    .param("ids", chunk)
                    .query(MemberRepository::summary)
                    .list()
                    .forEach(s -> result.put(s.id(), s));
        }
        return result;
    }

    /** Summaries in the order of the given ids, skipping ids that no longer exist. */
    public List<MemberSummary> findSummariesInOrder(List<Long> ids) {
        Map<Long, MemberSummary> byId = findSummaries(ids);
        List<MemberSummary> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            MemberSummary s = byId.get(id);
            if (s != null) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    /**
     * Members whose name, or headline, contains the query (case and accents folded for names),
     * ordered by name. A stop-gap people search until the full-text index (D1) lands.
     */
    public List<MemberSummary> searchByName(String query, long excludeId, int limit) {
        String key = Text.likeContains(Text.key(query));
        String raw = Text.likeContains(query.toLowerCase(java.util.Locale.ROOT));
        return jdbc.sql("""
                        SELECT id, first_name, last_name, headline, location, photo, profile_visibility FROM members
                        WHERE id <> :exclude
                          AND (sort_first || ' ' || sort_last LIKE :key ESCAPE '\\'
                               OR sort_last LIKE :key ESCAPE '\\'
                               OR lower(headline) LIKE :raw ESCAPE '\\')
                        ORDER BY sort_first, sort_last, id
                        LIMIT :limit""")
                .param("exclude", excludeId).param("key", key).param("raw", raw).param("limit", limit)
                .query(MemberRepository::summary)
                .list();
    }

    /** A summary from a row with {@link #SUMMARY_COLUMNS} (other features' queries may prefix them). */
    public static MemberSummary summary(ResultSet rs, int n) throws SQLException {
        return new MemberSummary(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("headline"), rs.getString("location"), rs.getString("photo"),
                "NETWORK".equals(rs.getString("profile_visibility")));
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("headline"),
                rs.getString("location"),
                rs.getString("industry"),
                rs.getString("about"),
                rs.getString("external_id"),
                ConnectionsVisibility.valueOf(rs.getString("connections_visibility")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("photo"),
                "NETWORK".equals(rs.getString("profile_visibility")));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
