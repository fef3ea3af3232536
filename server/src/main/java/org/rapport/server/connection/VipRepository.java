package org.rapport.server.connection;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code vips} table: connections a member pinned, in the member's order. */
@Repository
public class VipRepository {

    private final JdbcClient jdbc;

    public VipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> list(long member) {
        return jdbc.sql("SELECT vip_id FROM vips WHERE member_id = :m ORDER BY position, vip_id")
                .param("m", member).query(Long.class).list();
    }

    void replace(long member, List<Long> vips, Instant now) {
        jdbc.sql("DELETE FROM vips WHERE member_id = :m").param("m", member).update();
        for (int i = 0; i < vips.size(); i++) {
            jdbc.sql("INSERT INTO vips (member_id, vip_id, position, created_at) VALUES (:m, :v, :p, :now)")
                    .param("m", member).param("v", vips.get(i)).param("p", i).param("now", now.toEpochMilli())
                    .update();
        }
    }

    /** Unpins both ways (the two are no longer connected). */
    public void deletePair(long a, long b) {
        jdbc.sql("DELETE FROM vips WHERE (member_id = :a AND vip_id = :b) OR (member_id = :b AND vip_id = :a)")
                .param("a", a).param("b", b).update();
    }

    /** Members who pinned {@code vip} (their update notifications say so). */
    public Set<Long> pinnedBy(long vip) {
        return new HashSet<>(jdbc.sql("SELECT member_id FROM vips WHERE vip_id = :v").param("v", vip)
                .query(Long.class).list());
    }
}
