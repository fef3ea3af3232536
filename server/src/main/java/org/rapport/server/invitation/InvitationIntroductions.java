package org.rapport.server.invitation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which invitations an introduction produced (the credibility feature's {@code introductions}
 * table, read here so that invitations need not depend on that feature): invitation id → the
 * introducer's id and note.
 */
@Repository
class InvitationIntroductions {

    record Row(long introducerId, String note) {
    }

    private final JdbcClient jdbc;

    InvitationIntroductions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, Row> forInvitations(Collection<Long> invitationIds) {
        Map<Long, Row> out = new HashMap<>();
        if (invitationIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT invitation_id, intermediary_id, intermediary_note FROM introductions
                        WHERE invitation_id IN (:ids) AND status = 'FORWARDED'""")
                .param("ids", invitationIds)
                .query((java.sql.ResultSet rs) -> {
                    out.put(rs.getLong(1), new Row(rs.getLong(2), rs.getString(3)));
                });
        return out;
    }
}
