package org.rapport.server.photo;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code member_photos} and the column {@code members.photo} that repeats its fingerprint. */
@Repository
class PhotoRepository {

    /** One stored size of a member's photo. */
    record Stored(String fingerprint, byte[] bytes) {
    }

    /** What the export gives: the large square and when it was uploaded. */
    record Row(String fingerprint, byte[] large, int largeSize, long createdAt) {
    }

    private final JdbcClient jdbc;

    PhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the member's photo; false when the member does not exist (any more). Call inside a transaction. */
    boolean save(long member, PhotoImages.Processed p, long now) {
        int updated = jdbc.sql("UPDATE members SET photo = :fp WHERE id = :m")
                .param("fp", p.fingerprint()).param("m", member).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO member_photos (member_id, fingerprint, large, small, large_size, small_size, created_at)
                        VALUES (:m, :fp, :large, :small, :ls, :ss, :now)
                        ON CONFLICT (member_id) DO UPDATE SET fingerprint = excluded.fingerprint, large = excluded.large,
                            small = excluded.small, large_size = excluded.large_size, small_size = excluded.small_size,
                            created_at = excluded.created_at""")
                .param("m", member).param("fp", p.fingerprint()).param("large", p.large()).param("small", p.small())
                .param("ls", p.largeSize()).param("ss", p.smallSize()).param("now", now)
                .update();
        return true;
    }

    /** Removes the member's photo; whether there was one. Call inside a transaction. */
    boolean delete(long member) {
        jdbc.sql("UPDATE members SET photo = NULL WHERE id = :m").param("m", member).update();
        return jdbc.sql("DELETE FROM member_photos WHERE member_id = :m").param("m", member).update() > 0;
    }

    Optional<Stored> find(long member, boolean large) {
        return jdbc.sql("SELECT fingerprint, " + (large ? "large" : "small") + " FROM member_photos WHERE member_id = :m")
                .param("m", member)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    Optional<Row> row(long member) {
        return jdbc.sql("SELECT fingerprint, large, large_size, created_at FROM member_photos WHERE member_id = :m")
                .param("m", member)
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getInt(3), rs.getLong(4)))
                .optional();
    }

    /** Whether the member keeps their full profile to their network. */
    boolean networkOnly(long member) {
        return jdbc.sql("SELECT count(*) FROM members WHERE id = :m AND profile_visibility = 'NETWORK'")
                .param("m", member).query(Long.class).single() > 0;
    }
}
