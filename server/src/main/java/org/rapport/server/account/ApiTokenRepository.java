package org.rapport.server.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API bearer tokens, stored as SHA-256 digests. */
@Repository
class ApiTokenRepository {

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String hash, long memberId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_tokens (token_hash, member_id, created_at, last_used_at, expires_at)
                        VALUES (:hash, :member, :now, :now, :expires)""")
                .param("hash", hash).param("member", memberId).param("now", now.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli())
                .update();
    }

    /** The token's member and stamp if the token exists and has not expired. */
    /** A token's member, and until when they are suspended (null: never), read together. */
    record Holder(MemberPrincipal principal, Long suspendedUntil) {
    }

    Optional<Holder> find(String hash, Instant now) {
        return jdbc.sql("""
                        SELECT t.member_id, m.security_stamp, m.suspended_until
                        FROM api_tokens t JOIN members m ON m.id = t.member_id
                        WHERE t.token_hash = :hash AND t.expires_at > :now""")
                .param("hash", hash).param("now", now.toEpochMilli())
                .query((rs, n) -> {
                    MemberPrincipal principal = new MemberPrincipal(rs.getLong(1), rs.getString(2));
                    long until = rs.getLong(3);
                    return new Holder(principal, rs.wasNull() ? null : until);
                })
                .optional();
    }

    void touch(String hash, Instant now) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :hash")
                .param("now", now.toEpochMilli()).param("hash", hash).update();
    }

    boolean delete(String hash) {
        return jdbc.sql("DELETE FROM api_tokens WHERE token_hash = :hash").param("hash", hash).update() > 0;
    }

    int deleteForMember(long memberId) {
        return jdbc.sql("DELETE FROM api_tokens WHERE member_id = :member").param("member", memberId).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM api_tokens WHERE expires_at <= :now").param("now", now.toEpochMilli()).update();
    }
}
