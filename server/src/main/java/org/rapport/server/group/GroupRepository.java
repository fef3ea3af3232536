package org.rapport.server.group;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.system.Text;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code groups}, {@code group_members}, {@code group_requests}, {@code group_invitations} and {@code group_bans} tables. */
@Repository
class GroupRepository {

    private static final String GROUP = """
            g.id, g.name, g.description, g.rules, g.visibility, g.listed, g.post_approval, g.owner_id, g.created_at,
            (SELECT count(*) FROM group_members c WHERE c.group_id = g.id) AS member_count""";

    /** A directory or request row: the member's summary, role (null for a request) and since when. */
    record MemberRow(MemberSummary member, GroupRole role, long since) {
    }

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    GroupRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    long insert(String name, String description, String rules, GroupVisibility visibility, boolean listed,
                boolean postApproval, long owner, Instant now) {
        long id = jdbc.sql("""
                        INSERT INTO groups (name, description, rules, visibility, listed, post_approval, owner_id, created_at)
                        VALUES (:name, :description, :rules, :visibility, :listed, :approval, :owner, :now) RETURNING id""")
                .param("name", name).param("description", description).param("rules", rules)
                .param("visibility", visibility.name()).param("listed", listed).param("approval", postApproval)
                .param("owner", owner).param("now", now.toEpochMilli()).query(Long.class).single();
        addMember(id, owner, GroupRole.OWNER, now);
        return id;
    }

    void update(long id, String name, String description, String rules, GroupVisibility visibility, boolean listed,
                boolean postApproval) {
        jdbc.sql("""
                        UPDATE groups SET name = :name, description = :description, rules = :rules,
                               visibility = :visibility, listed = :listed, post_approval = :approval WHERE id = :id""")
                .param("name", name).param("description", description).param("rules", rules)
                .param("visibility", visibility.name()).param("listed", listed).param("approval", postApproval)
                .param("id", id).update();
    }

    /** Locks the group's row for the rest of the transaction, so membership changes to one group serialise. */
    void lock(long id) {
        jdbc.sql("UPDATE groups SET owner_id = owner_id WHERE id = :id").param("id", id).update();
    }

    Optional<Group> find(long id) {
        return jdbc.sql("SELECT " + GROUP + " FROM groups g WHERE g.id = :id").param("id", id)
                .query(GroupRepository::group).optional();
    }

    /**
     * Groups the viewer may find, by name then id after the cursor: listed groups, and unlisted ones
     * they belong to, were invited to or asked to join; never one they were banned from unless listed.
     * {@code mine}: only groups they belong to.
     */
    List<Group> search(long viewer, String q, boolean mine, String afterName, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + GROUP + ", lower(g.name) AS sort_name FROM groups g WHERE ");
        Map<String, Object> params = new HashMap<>();
        params.put("me", viewer);
        if (mine) {
            sql.append("EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.member_id = :me)");
        } else {
            sql.append("""
                    (g.listed = TRUE
                     OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.member_id = :me)
                     OR EXISTS (SELECT 1 FROM group_invitations i WHERE i.group_id = g.id AND i.member_id = :me)
                     OR EXISTS (SELECT 1 FROM group_requests r WHERE r.group_id = g.id AND r.member_id = :me))""");
        }
        if (q != null) {
            sql.append(" AND (lower(g.name) LIKE lower(:q) ESCAPE '\\' OR lower(g.description) LIKE lower(:q) ESCAPE '\\')");
            params.put("q", Text.likeContains(q));
        }
        if (afterName != null) {
            sql.append(" AND (lower(g.name) > :an OR (lower(g.name) = :an AND g.id > :ai))");
            params.put("an", afterName);
            params.put("ai", afterId);
        }
        sql.append(" ORDER BY lower(g.name), g.id LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(GroupRepository::group).list();
    }

    String sortName(long id) {
        return jdbc.sql("SELECT lower(name) FROM groups WHERE id = :id").param("id", id).query(String.class).single();
    }

    long createdSince(long owner, Instant since) {
        return jdbc.sql("SELECT count(*) FROM groups WHERE owner_id = :owner AND created_at >= :since")
                .param("owner", owner).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    // --- the viewer's relation ----------------------------------------------------------------------

    Relation relation(long group, long member) {
        Optional<GroupRole> role = role(group, member);
        if (role.isPresent()) {
            return Relation.of(role.get());
        }
        if (banned(group, member)) {
            return Relation.BANNED;
        }
        if (exists("group_invitations", group, member)) {
            return Relation.INVITED;
        }
        if (exists("group_requests", group, member)) {
            return Relation.REQUESTED;
        }
        return Relation.NONE;
    }

    Optional<GroupRole> role(long group, long member) {
        return jdbc.sql("SELECT role FROM group_members WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).query((rs, n) -> GroupRole.valueOf(rs.getString(1))).optional();
    }

    boolean banned(long group, long member) {
        return exists("group_bans", group, member);
    }

    private boolean exists(String table, long group, long member) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).query(Long.class).single() > 0;
    }

    // --- members -----------------------------------------------------------------------------------

    boolean addMember(long group, long member, GroupRole role, Instant now) {
        return jdbc.sql("""
                        INSERT INTO group_members (group_id, member_id, role, joined_at) VALUES (:g, :m, :role, :now)
                        ON CONFLICT (group_id, member_id) DO NOTHING""")
                .param("g", group).param("m", member).param("role", role.name()).param("now", now.toEpochMilli())
                .update() > 0;
    }

    boolean removeMember(long group, long member) {
        return jdbc.sql("DELETE FROM group_members WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).update() > 0;
    }

    void setRole(long group, long member, GroupRole role) {
        jdbc.sql("UPDATE group_members SET role = :role WHERE group_id = :g AND member_id = :m")
                .param("role", role.name()).param("g", group).param("m", member).update();
    }

    void setOwner(long group, long owner) {
        jdbc.sql("UPDATE groups SET owner_id = :owner WHERE id = :g").param("owner", owner).param("g", group).update();
    }

    /**
     * One page of the directory, newest members first, after ({@code beforeJoined}, {@code beforeId});
     * filtered like connection lists; members either side of a block with the viewer are left out.
     */
    List<MemberRow> directory(long group, long viewer, ConnectionFilter filter, long beforeJoined, long beforeId,
                              int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT m.id, m.first_name, m.last_name, m.headline, m.location, m.photo, m.profile_visibility, gm.role, gm.joined_at AS since
                FROM group_members gm JOIN members m ON m.id = gm.member_id
                WHERE gm.group_id = :g
                  AND (gm.joined_at < :bj OR (gm.joined_at = :bj AND gm.member_id < :bi))""");
        Map<String, Object> params = new HashMap<>();
        params.put("bj", beforeJoined);
        params.put("bi", beforeId);
        filters(sql, params, group, viewer, filter);
        sql.append(" ORDER BY gm.joined_at DESC, gm.member_id DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(GroupRepository::memberRow).list();
    }

    /**
     * How many members the directory shows with this filter. Unfiltered, it counts the group's
     * rows in the primary key alone and subtracts the few members a block hides from the viewer,
     * instead of joining every member (100k rows: see BENCHMARKS.md).
     */
    long directoryCount(long group, long viewer, ConnectionFilter filter) {
        if (filter.isEmpty()) {
            return jdbc.sql("""
                            SELECT (SELECT count(*) FROM group_members WHERE group_id = :g)
                                 - (SELECT count(*) FROM group_members gm WHERE gm.group_id = :g AND gm.member_id IN (
                                        SELECT blocked_id FROM blocks WHERE blocker_id = :me
                                        UNION SELECT blocker_id FROM blocks WHERE blocked_id = :me
                                        UNION SELECT id FROM members WHERE suspended_until > :now AND id <> :me))""")
                    .param("g", group).param("me", viewer).param("now", clock.millis()).query(Long.class).single();
        }
        StringBuilder sql = new StringBuilder("""
                SELECT count(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE gm.group_id = :g""");
        Map<String, Object> params = new HashMap<>();
        filters(sql, params, group, viewer, filter);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** Groups {@code member} owns. */
    List<Long> ownedBy(long member) {
        return jdbc.sql("SELECT id FROM groups WHERE owner_id = :m ORDER BY id").param("m", member).query(Long.class).list();
    }

    /** Who takes a group over from {@code leaving}: its longest-serving manager, else its longest-standing member. */
    Optional<Long> successor(long group, long leaving) {
        return jdbc.sql("""
                        SELECT member_id FROM group_members WHERE group_id = :g AND member_id <> :m AND role <> 'OWNER'
                        ORDER BY CASE role WHEN 'MANAGER' THEN 0 ELSE 1 END, joined_at, member_id LIMIT 1""")
                .param("g", group).param("m", leaving).query(Long.class).optional();
    }

    void delete(long group) {
        jdbc.sql("DELETE FROM groups WHERE id = :g").param("g", group).update();
    }

    /** Member ids of the group with one of these roles (owners and managers, say). */
    List<Long> memberIds(long group, List<GroupRole> roles) {
        return jdbc.sql("SELECT member_id FROM group_members WHERE group_id = :g AND role IN (:roles) ORDER BY member_id")
                .param("g", group).param("roles", roles.stream().map(Enum::name).toList()).query(Long.class).list();
    }

    // --- requests ----------------------------------------------------------------------------------

    boolean addRequest(long group, long member, Instant now) {
        return jdbc.sql("""
                        INSERT INTO group_requests (group_id, member_id, created_at) VALUES (:g, :m, :now)
                        ON CONFLICT (group_id, member_id) DO NOTHING""")
                .param("g", group).param("m", member).param("now", now.toEpochMilli()).update() > 0;
    }

    boolean deleteRequest(long group, long member) {
        return jdbc.sql("DELETE FROM group_requests WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).update() > 0;
    }

    /** Pending requests, oldest first, after the cursor, with the directory's filters. */
    List<MemberRow> requests(long group, long viewer, ConnectionFilter filter, long afterCreated, long afterId,
                             int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT m.id, m.first_name, m.last_name, m.headline, m.location, m.photo, m.profile_visibility, NULL AS role, r.created_at AS since
                FROM group_requests r JOIN members m ON m.id = r.member_id
                WHERE r.group_id = :g
                  AND (r.created_at > :ac OR (r.created_at = :ac AND r.member_id > :ai))""");
        Map<String, Object> params = new HashMap<>();
        params.put("ac", afterCreated);
        params.put("ai", afterId);
        filters(sql, params, group, viewer, filter);
        sql.append(" ORDER BY r.created_at, r.member_id LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(GroupRepository::memberRow).list();
    }

    long requestCount(long group) {
        return jdbc.sql("SELECT count(*) FROM group_requests WHERE group_id = :g").param("g", group)
                .query(Long.class).single();
    }

    // --- invitations -------------------------------------------------------------------------------

    boolean addInvitation(long group, long member, long inviter, Instant now) {
        return jdbc.sql("""
                        INSERT INTO group_invitations (group_id, member_id, inviter_id, created_at)
                        VALUES (:g, :m, :inviter, :now) ON CONFLICT (group_id, member_id) DO NOTHING""")
                .param("g", group).param("m", member).param("inviter", inviter).param("now", now.toEpochMilli())
                .update() > 0;
    }

    boolean deleteInvitation(long group, long member) {
        return jdbc.sql("DELETE FROM group_invitations WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).update() > 0;
    }

    /** Groups I was invited to and have not answered, newest first. */
    List<Group> invitationsFor(long member, int limit) {
        return jdbc.sql("SELECT " + GROUP + " FROM group_invitations i JOIN groups g ON g.id = i.group_id"
                        + " WHERE i.member_id = :m ORDER BY i.created_at DESC, g.id DESC LIMIT :limit")
                .param("m", member).param("limit", limit).query(GroupRepository::group).list();
    }

    Optional<Long> inviter(long group, long member) {
        return jdbc.sql("SELECT inviter_id FROM group_invitations WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).query(Long.class).optional();
    }

    long invitationsSentSince(long inviter, Instant since) {
        return jdbc.sql("SELECT count(*) FROM group_invitations WHERE inviter_id = :m AND created_at >= :since")
                .param("m", inviter).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    // --- bans --------------------------------------------------------------------------------------

    void ban(long group, long member, long by, Instant now) {
        jdbc.sql("""
                        INSERT INTO group_bans (group_id, member_id, banned_by, banned_at) VALUES (:g, :m, :by, :now)
                        ON CONFLICT (group_id, member_id) DO NOTHING""")
                .param("g", group).param("m", member).param("by", by).param("now", now.toEpochMilli()).update();
    }

    boolean unban(long group, long member) {
        return jdbc.sql("DELETE FROM group_bans WHERE group_id = :g AND member_id = :m")
                .param("g", group).param("m", member).update() > 0;
    }

    List<MemberRow> bans(long group, int limit) {
        return jdbc.sql("""
                        SELECT m.id, m.first_name, m.last_name, m.headline, m.location, m.photo, m.profile_visibility, NULL AS role, b.banned_at AS since
                        FROM group_bans b JOIN members m ON m.id = b.member_id WHERE b.group_id = :g
                        ORDER BY b.banned_at DESC, b.member_id DESC LIMIT :limit""")
                .param("g", group).param("limit", limit).query(GroupRepository::memberRow).list();
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * The directory hides whom a block hides and every suspended member (issue 17), as
     * {@code privacy.VisibilityPolicy#hiddenFrom} does for single members, here in SQL so that
     * pages and counts stay right.
     */
    private void filters(StringBuilder sql, Map<String, Object> params, long group, long viewer,
                         ConnectionFilter filter) {
        params.put("g", group);
        params.put("me", viewer);
        params.put("now", clock.millis());
        sql.append(' ').append("""
                 AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = :me AND b.blocked_id = m.id)
                                                       OR (b.blocker_id = m.id AND b.blocked_id = :me))
                 AND (m.suspended_until IS NULL OR m.suspended_until <= :now OR m.id = :me)""");
        filter.appendSql(sql, params);
    }

    private static Group group(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_id");
        Long ownerId = rs.wasNull() ? null : owner;
        return new Group(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getString("rules"),
                GroupVisibility.valueOf(rs.getString("visibility")), rs.getBoolean("listed"),
                rs.getBoolean("post_approval"), ownerId, Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getLong("member_count"));
    }

    private static MemberRow memberRow(ResultSet rs, int n) throws SQLException {
        String role = rs.getString("role");
        return new MemberRow(org.rapport.server.member.MemberRepository.summary(rs, n),
                role == null ? null : GroupRole.valueOf(role), rs.getLong("since"));
    }
}
