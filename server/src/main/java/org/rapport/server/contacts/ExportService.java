package org.rapport.server.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rapport.server.follow.FollowService;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.Profile;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.photo.PhotoService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Exports (E5): my connections as LinkedIn's {@code Connections.csv} (its columns and its
 * "Notes:" preamble, so any tool that reads LinkedIn's export reads ours) and as vCard 4, and
 * everything of mine as one JSON document. A connection's e-mail address is included only when
 * that connection lets their connections download it. Every connection carries the link to their
 * profile here, so importing the export into another account matches the same members even
 * without addresses.
 */
@Service
public class ExportService {

    static final String CSV_HEADER_NOTE = "Notes:\n\"E-mail addresses are included only for connections who let their "
            + "connections download them.\"\n\n";
    private static final DateTimeFormatter CONNECTED_ON = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** One connection with what an export shows of them. */
    record Exported(long id, String firstName, String lastName, String email, String company, String title,
                    Instant connectedAt) {
    }

    private final JdbcClient jdbc;
    private final MemberRepository members;
    private final PrivacyService privacy;
    private final NotificationService notifications;
    private final FollowService follows;
    private final ContactService contacts;
    private final ContactRepository contactRows;
    private final org.rapport.server.system.SiteIdentity site;
    private final Clock clock;
    private final BlockService blocks;
    private final PhotoService photos;

    public ExportService(JdbcClient jdbc, MemberRepository members, PrivacyService privacy,
                         NotificationService notifications, FollowService follows, ContactService contacts,
                         ContactRepository contactRows, Clock clock, BlockService blocks,
                         org.rapport.server.system.SiteIdentity site, PhotoService photos) {
        this.site = site;
        this.jdbc = jdbc;
        this.photos = photos;
        this.blocks = blocks;
        this.members = members;
        this.privacy = privacy;
        this.notifications = notifications;
        this.follows = follows;
        this.contacts = contacts;
        this.contactRows = contactRows;
        this.clock = clock;
    }

    public String connectionsCsv(long me) {
        StringBuilder out = new StringBuilder(CSV_HEADER_NOTE);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On");
            for (Exported c : connections(me)) {
                // Member-written cells are neutralised: "=HYPERLINK(...)" in a name must not run (issue 15).
                csv.printRecord(cell(c.firstName()), cell(c.lastName()), profileUrl(c.id()),
                        c.email() == null ? "" : cell(c.email()), cell(c.company()), cell(c.title()),
                        CONNECTED_ON.format(c.connectedAt()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String cell(String value) {
        return org.rapport.server.web.SpreadsheetCells.neutralise(value);
    }

    public String connectionsVcard(long me) {
        StringBuilder out = new StringBuilder();
        for (Exported c : connections(me)) {
            String full = (c.firstName() + " " + c.lastName()).strip();
            out.append(VCards.write(full, c.lastName(), c.firstName(), c.email(), profileUrl(c.id()), c.company(),
                    c.title()));
        }
        return out.toString();
    }

    /** Everything of mine: profile, settings, connections, invitations, following, updates, contacts, and more. */
    public Map<String, Object> everything(long me) {
        Profile profile = members.findProfile(me).orElseThrow(MemberNotFoundException::new);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportedAt", clock.instant().toString());
        out.put("format", "rapport-export-1");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", Long.toString(me));
        p.put("email", profile.member().email());
        p.put("firstName", profile.member().firstName());
        p.put("lastName", profile.member().lastName());
        p.put("headline", profile.member().headline());
        p.put("location", profile.member().location());
        p.put("industry", profile.member().industry());
        p.put("about", profile.member().about());
        p.put("positions", profile.positions());
        p.put("education", profile.education());
        p.put("skills", profile.skills());
        p.put("interests", profile.interests());
        p.put("handles", profile.handles());
        p.put("memberSince", profile.member().createdAt().toString());
        // Issue 18: the photo as stored (the large square, re-encoded without metadata), in Base64.
        p.put("photo", photos.export(me).map(ph -> {
            Map<String, Object> photo = new LinkedHashMap<>();
            photo.put("fingerprint", ph.fingerprint());
            photo.put("contentType", ph.contentType());
            photo.put("width", ph.size());
            photo.put("height", ph.size());
            photo.put("uploadedAt", ph.uploadedAt().toString());
            photo.put("base64", java.util.Base64.getEncoder().encodeToString(ph.jpeg()));
            return photo;
        }).orElse(null));
        out.put("profile", p);
        out.put("privacySettings", privacy.settings(me));
        out.put("notificationSettings", Map.of("digest", notifications.digest(me), "kinds", notifications.preferences(me)));
        out.put("contactSettings", contacts.settings(me));
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Exported c : connections(me)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(c.id()));
            m.put("name", (c.firstName() + " " + c.lastName()).strip());
            m.put("email", c.email());
            m.put("url", profileUrl(c.id()));
            m.put("connectedAt", c.connectedAt().toString());
            connections.add(m);
        }
        out.put("connections", connections);
        // Members on either side of a block with me do not exist for me, here as everywhere: my
        // invitations and notifications with them are left out (my block list names whom I blocked).
        Set<String> hidden = blocks.hiddenFrom(me).stream().map(String::valueOf).collect(Collectors.toSet());
        out.put("invitations", without(hidden, rows("""
                SELECT id, sender_id, recipient_id, note, status, created_at, closed_at FROM invitations
                WHERE sender_id = :m OR recipient_id = :m ORDER BY created_at""", me, "id", "senderId", "recipientId",
                "note", "status", "createdAt", "closedAt"), "senderId", "recipientId"));
        out.put("following", follows.followedIds(me).stream().map(String::valueOf).filter(id -> !hidden.contains(id))
                .toList());
        out.put("updates", rows("SELECT id, body, visibility, created_at, edited_at, reach FROM posts WHERE author_id = :m "
                + "ORDER BY created_at", me, "id", "text", "visibility", "createdAt", "editedAt", "reach"));
        out.put("vips", rows("SELECT vip_id, position FROM vips WHERE member_id = :m ORDER BY position", me, "memberId",
                "position"));
        out.put("blocked", rows("SELECT blocked_id, created_at FROM blocks WHERE blocker_id = :m ORDER BY created_at",
                me, "memberId", "blockedAt"));
        // Issue 16: the identity providers and directory entries that sign the member in.
        out.put("signInProviders", rows("SELECT provider, subject, email, linked_at, last_used_at FROM external_identities "
                + "WHERE member_id = :m ORDER BY linked_at, provider", me, "provider", "subject", "email", "linkedAt",
                "lastUsedAt"));
        out.put("notifications", without(hidden, rows("SELECT id, kind, actor_id, created_at, read_at FROM notifications "
                + "WHERE member_id = :m ORDER BY id", me, "id", "kind", "actorId", "createdAt", "readAt"), "actorId"));
        out.put("messages", without(hidden, rows("""
                SELECT m.id, m.conversation_id, m.sender_id, cm.other_id, m.body, m.created_at
                FROM conversation_members cm JOIN messages m ON m.conversation_id = cm.conversation_id
                WHERE cm.member_id = :m ORDER BY m.id""", me, "id", "conversationId", "senderId", "otherId", "text",
                "sentAt"), "otherId"));
        out.put("groups", rows("""
                SELECT g.id, g.name, gm.role, gm.joined_at FROM group_members gm JOIN groups g ON g.id = gm.group_id
                WHERE gm.member_id = :m ORDER BY gm.joined_at""", me, "groupId", "name", "role", "joinedAt"));
        out.put("groupPosts", rows("SELECT id, group_id, body, status, created_at FROM group_posts WHERE author_id = :m "
                + "ORDER BY id", me, "id", "groupId", "text", "status", "createdAt"));
        out.put("groupComments", rows("SELECT id, post_id, body, created_at FROM group_comments WHERE author_id = :m "
                + "ORDER BY id", me, "id", "postId", "text", "createdAt"));
        out.put("endorsementsReceived", without(hidden, rows("""
                SELECT skill_key, endorser_id, CASE WHEN hidden THEN 'yes' ELSE 'no' END, created_at FROM endorsements
                WHERE member_id = :m ORDER BY created_at""", me, "skill", "endorserId", "hiddenByMe", "createdAt"),
                "endorserId"));
        out.put("endorsementsGiven", without(hidden, rows(
                "SELECT member_id, skill_key, created_at FROM endorsements WHERE endorser_id = :m ORDER BY created_at",
                me, "memberId", "skill", "createdAt"), "memberId"));
        out.put("recommendations", without(hidden, rows("""
                SELECT id, author_id, recipient_id, position_company, position_title, request_note, revision_note, body,
                       status, created_at, updated_at
                FROM recommendations WHERE author_id = :m OR recipient_id = :m ORDER BY id""", me, "id", "authorId",
                "recipientId", "company", "title", "requestNote", "revisionNote", "text", "status", "createdAt",
                "updatedAt"), "authorId", "recipientId"));
        // The target of an introduction learns of it only once it is forwarded, here as in the app.
        out.put("introductions", without(hidden, rows("""
                SELECT id, requester_id, intermediary_id, target_id, reason, intermediary_note, status, created_at,
                       responded_at
                FROM introductions
                WHERE requester_id = :m OR intermediary_id = :m OR (target_id = :m AND status = 'FORWARDED')
                ORDER BY id""", me, "id", "requesterId", "intermediaryId", "targetId", "reason", "intermediaryNote",
                "status", "createdAt", "respondedAt"), "requesterId", "intermediaryId", "targetId"));
        out.put("profileViewsReceived", jdbc.sql("SELECT count(*) FROM profile_views WHERE viewed_id = :m").param("m", me)
                .query(Long.class).single());
        List<Map<String, Object>> contactList = new ArrayList<>();
        for (boolean matched : new boolean[] {true, false}) {
            String cursor = null;
            do {
                var page = contacts.contacts(me, matched, new PageRequest(PageRequest.MAX_LIMIT, cursor));
                for (ContactService.Contact c : page.items()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", c.name());
                    m.put("email", c.email());
                    m.put("handle", c.handle());
                    m.put("memberId", c.member() == null ? null : Long.toString(c.member().member().id()));
                    contactList.add(m);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        out.put("contacts", contactList);
        out.put("contactImports", contactRows.imports(me).stream().map(i -> Map.of("id", i.id(), "file", i.fileName(),
                "format", i.format(), "status", i.status(), "createdAt", i.createdAt().toString())).toList());
        return out;
    }

    /** The rows none of whose {@code fields} names a member in {@code hidden}. */
    private static List<Map<String, Object>> without(Set<String> hidden, List<Map<String, Object>> rows, String... fields) {
        return rows.stream().filter(r -> Arrays.stream(fields).noneMatch(f -> hidden.contains(String.valueOf(r.get(f)))))
                .toList();
    }

    private List<Map<String, Object>> rows(String sql, long me, String... names) {
        return jdbc.sql(sql).param("m", me).query((rs, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Object v = rs.getObject(i + 1);
                if (v != null && names[i].endsWith("At") && v instanceof Number num) {
                    v = Instant.ofEpochMilli(num.longValue()).toString();
                } else if (v instanceof Number num && (names[i].equals("id") || names[i].endsWith("Id"))) {
                    v = Long.toString(num.longValue());
                }
                m.put(names[i], v);
            }
            return m;
        }).list();
    }

    private List<Exported> connections(long me) {
        List<Exported> out = new ArrayList<>();
        List<Object[]> rows = jdbc.sql("""
                        SELECT m.id, m.first_name, m.last_name, m.email, m.share_email_with_connections, c.created_at
                        FROM connections c JOIN members m
                          ON m.id = CASE WHEN c.member_lo = :me THEN c.member_hi ELSE c.member_lo END
                        WHERE c.member_lo = :me OR c.member_hi = :me
                        ORDER BY c.created_at DESC, m.id""")
                .param("me", me)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(5) ? rs.getString(4) : null, rs.getLong(6)})
                .list();
        Map<Long, String[]> jobs = currentJobs(rows.stream().map(r -> (Long) r[0]).toList());
        for (Object[] r : rows) {
            String[] job = jobs.getOrDefault((Long) r[0], new String[] {"", ""});
            out.add(new Exported((Long) r[0], (String) r[1], (String) r[2], (String) r[3], job[0], job[1],
                    Instant.ofEpochMilli((Long) r[4])));
        }
        return out;
    }

    private Map<Long, String[]> currentJobs(List<Long> ids) {
        Map<Long, String[]> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i += 500) {
            jdbc.sql("""
                            SELECT member_id, company, title FROM member_positions
                            WHERE member_id IN (:ids) AND end_year IS NULL ORDER BY member_id, ordinal""")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .query((java.sql.ResultSet rs) -> {
                        out.putIfAbsent(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    });
        }
        return out;
    }

    private String profileUrl(long id) {
        return site.publicUrl() + "/members/" + id;
    }
}
