package org.rapport.server.privacy;

import java.time.Instant;
import java.util.Optional;

import org.rapport.server.member.ConnectionsVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The privacy columns of {@code members}. */
@Repository
class PrivacyRepository {

    private final JdbcClient jdbc;

    PrivacyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PrivacySettings> find(long member) {
        return jdbc.sql("""
                        SELECT connections_visibility, invitations_from, require_note, require_shared,
                               second_degree_only, profile_visibility, show_also_viewed, follow_primary,
                               followers_from, messages_from, messages_from_groups
                        FROM members WHERE id = :id""")
                .param("id", member)
                .query((rs, n) -> new PrivacySettings(
                        ConnectionsVisibility.valueOf(rs.getString(1)),
                        InvitationsFrom.valueOf(rs.getString(2)),
                        rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                        ProfileVisibility.valueOf(rs.getString(6)),
                        rs.getBoolean(7), rs.getBoolean(8), FollowersFrom.valueOf(rs.getString(9)),
                        MessagesFrom.stored(rs.getString(10), rs.getBoolean(11))))
                .optional();
    }

    boolean update(long member, PrivacySettings s, Instant now) {
        return jdbc.sql("""
                        UPDATE members SET connections_visibility = :cv, invitations_from = :from,
                               require_note = :note, require_shared = :shared, second_degree_only = :second,
                               profile_visibility = :pv, show_also_viewed = :also, follow_primary = :fp,
                               followers_from = :ff, messages_from = :mf, messages_from_groups = :mfg, updated_at = :now
                        WHERE id = :id""")
                .param("cv", s.connectionsVisibility().name()).param("from", s.invitationsFrom().name())
                .param("note", s.requireNote()).param("shared", s.requireShared())
                .param("second", s.secondDegreeOnly()).param("pv", s.profileVisibility().name())
                .param("also", s.showAlsoViewed())
                .param("fp", s.followPrimary()).param("ff", s.followersFrom().name()).param("mf", s.messagesFrom().column()).param("mfg", s.messagesFrom().groupMembers()).param("now", now.toEpochMilli()).param("id", member)
                .update() > 0;
    }
}
