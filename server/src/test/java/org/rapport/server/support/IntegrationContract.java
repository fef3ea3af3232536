package org.rapport.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.rapport.graph.ConnectionGraph;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.privacy.PrivacyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shared by the suites that run the same tests against SQLite and PostgreSQL: the beans they use,
 * helpers to make members and connections, and the invariants checked after each test.
 */
public abstract class IntegrationContract {

    @Autowired
    protected TestMembers members;
    @Autowired
    protected InvitationService invitations;
    @Autowired
    protected GraphIndex index;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected PrivacyService privacy;

    @AfterEach
    void invariantsHoldAndClockIsBack() {
        clock.set(TestClockConfiguration.START);
        assertInvariants();
    }

    /** Connects two members the only way members connect: an invitation, accepted. */
    protected void connect(Member a, Member b) {
        var sent = invitations.invite(a.id(), b.id(), null);
        if (!sent.connected()) {
            invitations.accept(b.id(), sent.invitation().id());
        }
    }

    /** Changes only who can see the member's connections. */
    protected void connectionsVisibility(Member member, ConnectionsVisibility visibility) {
        privacy.update(member.id(), new PrivacyChanges(visibility.name(), null, null, null, null, null, null));
    }

    /**
     * The database invariants (symmetric by construction: one row per ordered pair; no
     * self-connection; at most one live invitation per pair; every connection made by an
     * accepted invitation) and the graph index equal to the connections table.
     */
    protected void assertInvariants() {
        assertThat(jdbc.sql("SELECT count(*) FROM connections WHERE member_lo >= member_hi")
                .query(Long.class).single()).as("ordered pairs").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM connections c WHERE c.origin = 'INVITATION' AND NOT EXISTS (
                    SELECT 1 FROM invitations i WHERE i.id = c.invitation_id AND i.status = 'ACCEPTED'
                      AND i.member_lo = c.member_lo AND i.member_hi = c.member_hi)""")
                .query(Long.class).single()).as("connections without an accepted invitation").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT member_lo, member_hi FROM invitations
                                      WHERE status IN ('PENDING', 'IGNORED')
                                      GROUP BY member_lo, member_hi HAVING count(*) > 1) t""")
                .query(Long.class).single()).as("pairs with two live invitations").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM invitations i JOIN connections c
                  ON c.member_lo = i.member_lo AND c.member_hi = i.member_hi
                WHERE i.status = 'PENDING'""")
                .query(Long.class).single()).as("pending invitations between connected members").isZero();
        assertGraphEqualsDatabase();
    }

    protected void assertGraphEqualsDatabase() {
        Set<Long> db = new HashSet<>();
        jdbc.sql("SELECT member_lo, member_hi FROM connections").query(rs -> {
            db.add(rs.getLong(1) << 32 | rs.getLong(2));
        });
        ConnectionGraph g = index.graph();
        assertThat(g.edgeCount()).as("edges in the graph index").isEqualTo(db.size());
        for (long key : db) {
            int lo = (int) (key >>> 32);
            int hi = (int) key;
            assertThat(g.areConnected(lo, hi)).as("index has %d-%d", lo, hi).isTrue();
            assertThat(g.areConnected(hi, lo)).as("index has %d-%d", hi, lo).isTrue();
        }
    }
}
