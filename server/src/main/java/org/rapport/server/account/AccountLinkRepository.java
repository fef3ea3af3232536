package org.rapport.server.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use links mailed to members ({@code account_links}, V15), found by their token's digest. */
@Repository
class AccountLinkRepository {

    enum Purpose { PASSWORD_RESET, VERIFY_EMAIL, CLAIM_ACCOUNT }

    record Link(String tokenHash, long memberId, Purpose purpose, Instant expiresAt, Instant usedAt, String email) {
        boolean usable(Instant now) {
            return usedAt == null && expiresAt.isAfter(now);
        }
    }

    private final JdbcClient jdbc;

    AccountLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, long memberId, Purpose purpose, Instant now, Instant expires) {
        insert(tokenHash, memberId, purpose, null, now, expires);
    }

    void insert(String tokenHash, long memberId, Purpose purpose, String email, Instant now, Instant expires) {
        jdbc.sql("""
                INSERT INTO account_links (token_hash, member_id, purpose, email, created_at, expires_at)
                VALUES (:hash, :member, :purpose, :email, :now, :expires)""")
                .param("hash", tokenHash).param("member", memberId).param("purpose", purpose.name())
                .param("email", email)
                .param("now", now.toEpochMilli()).param("expires", expires.toEpochMilli()).update();
    }

    Optional<Link> find(String tokenHash, Purpose purpose) {
        return jdbc.sql("""
                SELECT token_hash, member_id, purpose, expires_at, used_at, email FROM account_links
                WHERE token_hash = :hash AND purpose = :purpose""")
                .param("hash", tokenHash).param("purpose", purpose.name())
                .query((rs, n) -> {
                    long used = rs.getLong(5);
                    Instant usedAt = rs.wasNull() ? null : Instant.ofEpochMilli(used);
                    return new Link(rs.getString(1), rs.getLong(2), Purpose.valueOf(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), usedAt, rs.getString(6));
                })
                .optional();
    }

    /** Marks the link used if it still was usable; false when another request used it first or it lapsed. */
    boolean use(String tokenHash, Instant now) {
        return jdbc.sql("""
                UPDATE account_links SET used_at = :now
                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .param("hash", tokenHash).param("now", now.toEpochMilli()).update() == 1;
    }

    /** Ends every other open link of this purpose of the member (a new password makes them moot). */
    void useAll(long memberId, Purpose purpose, Instant now) {
        jdbc.sql("UPDATE account_links SET used_at = :now WHERE member_id = :member AND purpose = :purpose AND used_at IS NULL")
                .param("now", now.toEpochMilli()).param("member", memberId).param("purpose", purpose.name()).update();
    }

    /** Links of this purpose the member was sent since {@code since} (for the per-address mail limit). */
    int countSince(long memberId, Purpose purpose, Instant since) {
        return jdbc.sql("SELECT count(*) FROM account_links WHERE member_id = :member AND purpose = :purpose AND created_at > :since")
                .param("member", memberId).param("purpose", purpose.name()).param("since", since.toEpochMilli())
                .query(Integer.class).single();
    }

    /** When the oldest link of this purpose the member was sent since {@code since} was made. */
    Optional<Instant> oldestSince(long memberId, Purpose purpose, Instant since) {
        return jdbc.sql("SELECT min(created_at) FROM account_links WHERE member_id = :member AND purpose = :purpose AND created_at > :since")
                .param("member", memberId).param("purpose", purpose.name()).param("since", since.toEpochMilli())
                .query(Long.class).list().stream().filter(java.util.Objects::nonNull).findFirst().map(Instant::ofEpochMilli);
    }

    void deleteLapsed(Instant now) {
        jdbc.sql("DELETE FROM account_links WHERE expires_at < :cutoff")
                .param("cutoff", now.minus(java.time.Duration.ofDays(7)).toEpochMilli()).update();
    }
}
