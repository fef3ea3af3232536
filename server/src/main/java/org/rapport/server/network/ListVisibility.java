package org.rapport.server.network;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.member.ConnectionsVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads members' connections-visibility settings for the graph answers that must respect them. */
@Repository
class ListVisibility {

    private final JdbcClient jdbc;

    ListVisibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The setting of each of {@code ids} that exists. */
    Map<Long, ConnectionsVisibility> of(Collection<Long> ids) {
        Map<Long, ConnectionsVisibility> out = new HashMap<>();
        List<Long> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.sql("SELECT id, connections_visibility FROM members WHERE id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        out.put(rs.getLong(1), ConnectionsVisibility.valueOf(rs.getString(2)));
                    });
        }
        return out;
    }

    /** The member's connections who let nobody else see their connections (ONLY_ME). */
    Set<Long> concealingConnectionsOf(long member) {
        return new HashSet<>(jdbc.sql("""
                        SELECT m.id FROM connections c JOIN members m ON m.id = c.member_hi
                        WHERE c.member_lo = :me AND m.connections_visibility = 'ONLY_ME'
                        UNION
                        SELECT m.id FROM connections c JOIN members m ON m.id = c.member_lo
                        WHERE c.member_hi = :me AND m.connections_visibility = 'ONLY_ME'""")
                .param("me", member).query(Long.class).list());
    }
}
