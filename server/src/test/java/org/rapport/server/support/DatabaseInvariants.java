package org.rapport.server.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection invariants as SQL counts that must be zero, for suites that look at a database a
 * server process wrote (the in-JVM suites use {@link IntegrationContract#assertInvariants()}).
 */
public final class DatabaseInvariants {

    private static final Map<String, String> COUNTS = new LinkedHashMap<>();

    static {
        COUNTS.put("ordered pairs", "SELECT count(*) FROM connections WHERE member_lo >= member_hi");
        COUNTS.put("connections without an accepted invitation", """
                SELECT count(*) FROM connections c WHERE c.origin = 'INVITATION' AND NOT EXISTS (
                    SELECT 1 FROM invitations i WHERE i.id = c.invitation_id AND i.status = 'ACCEPTED'
                      AND i.member_lo = c.member_lo AND i.member_hi = c.member_hi)""");
        COUNTS.put("pairs with two live invitations", """
                SELECT count(*) FROM (SELECT member_lo, member_hi FROM invitations WHERE status IN ('PENDING', 'IGNORED')
                                      GROUP BY member_lo, member_hi HAVING count(*) > 1) t""");
        COUNTS.put("pending invitations between connected members", """
                SELECT count(*) FROM invitations i JOIN connections c
                  ON c.member_lo = i.member_lo AND c.member_hi = i.member_hi WHERE i.status = 'PENDING'""");
        COUNTS.put("connections across a block", """
                SELECT count(*) FROM connections c JOIN blocks b
                  ON (b.blocker_id = c.member_lo AND b.blocked_id = c.member_hi)
                  OR (b.blocker_id = c.member_hi AND b.blocked_id = c.member_lo)""");
        // An import keeps all of its contacts (done) or none (failed, or still processing).
        COUNTS.put("contact imports kept in part", """
                SELECT count(*) FROM contact_imports i
                WHERE (SELECT count(*) FROM contacts c WHERE c.import_id = i.id)
                      <> CASE WHEN i.status = 'DONE' THEN i.imported ELSE 0 END""");
        // Positions are handed out in commit order without gaps (issue 9): exactly one entry for
        // every position after the pruned part, up to the head, and none outside.
        COUNTS.put("graph change log positions missing or outside (pruned, head]", """
                SELECT abs((SELECT position - pruned_through FROM graph_log_head WHERE id = 1)
                           - (SELECT count(*) FROM graph_changes))
                     + (SELECT count(*) FROM graph_changes
                        WHERE position > (SELECT position FROM graph_log_head WHERE id = 1)
                           OR position <= (SELECT pruned_through FROM graph_log_head WHERE id = 1))""");
    }

    private DatabaseInvariants() {
    }

    /** Each invariant that does not hold, with how many rows break it. */
    public static List<String> violations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (var count : COUNTS.entrySet()) {
                try (ResultSet rs = s.executeQuery(count.getValue())) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        out.add(count.getKey() + ": " + rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }
}
