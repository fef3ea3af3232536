package org.rapport.server.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The identities of providers and directories linked to members ({@code external_identities}, V20). */
@Repository
class ExternalIdentityRepository {

    private final JdbcClient jdbc;

    ExternalIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> findMember(String provider, String subject) {
        return jdbc.sql("SELECT member_id FROM external_identities WHERE provider = :p AND subject = :s")
                .param("p", provider).param("s", subject).query(Long.class).optional();
    }

    void link(String provider, String subject, long memberId, String email, Instant now) {
        jdbc.sql("""
                INSERT INTO external_identities (provider, subject, member_id, email, linked_at, last_used_at)
                VALUES (:p, :s, :m, :e, :now, :now)""")
                .param("p", provider).param("s", subject).param("m", memberId).param("e", email)
                .param("now", now.toEpochMilli()).update();
    }

    void used(String provider, String subject, Instant now) {
        jdbc.sql("UPDATE external_identities SET last_used_at = :now WHERE provider = :p AND subject = :s AND last_used_at < :now")
                .param("p", provider).param("s", subject).param("now", now.toEpochMilli()).update();
    }

    boolean hasAny(long memberId) {
        return jdbc.sql("SELECT count(*) FROM external_identities WHERE member_id = :m").param("m", memberId)
                .query(Long.class).single() > 0;
    }
}
