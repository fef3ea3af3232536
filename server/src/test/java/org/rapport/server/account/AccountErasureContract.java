package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.VipService;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.contacts.ExportService;
import org.rapport.server.feed.PostService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.profileview.ProfileViewRecorder;
import org.rapport.server.support.ApiIntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Account deletion leaves no personal data behind (issue 8, suite 5; I4): a member who used every
 * feature (profile, connections, invitations both ways, follows, updates, messages, an address
 * book, blocks, VIPs, profile views, notifications, a group they own, group posts and comments, a photo) deletes their account, and then no table of
 * the database, found from the schema itself so that tables added later are covered too, holds a
 * row that points at them or a text that carries the marker spread through everything they wrote;
 * search no longer finds them and the graph forgets them.
 */
public abstract class AccountErasureContract extends ApiIntegrationContract {

    @Autowired
    ProfileService profiles;
    @Autowired
    PostService posts;
    @Autowired
    FollowService follows;
    @Autowired
    MessagingService messaging;
    @Autowired
    ContactService contacts;
    @Autowired
    BlockService blocks;
    @Autowired
    VipService vips;
    @Autowired
    ProfileViewRecorder views;
    @Autowired
    DataSource dataSource;
    @Autowired
    GroupService groups;
    @Autowired
    ExportService exports;
    @Autowired
    org.rapport.server.photo.PhotoService photos;

    @Test
    void deletingAnAccountLeavesNoRowPointingAtTheMemberAndNoTextTheyWrote() throws Exception {
        String marker = marker();
        Member leaver = accounts.signUp("leaver." + marker + "@example.org", "a long enough password",
                "Lea" + marker, "Leaver" + marker);
        profiles.update(leaver.id(), new ProfileChanges(null, null, "Headline " + marker, "Porto " + marker,
                "Industry " + marker, "About " + marker,
                List.of(new Position("Company " + marker, "Title " + marker, 2015, null)),
                List.of(new Education("School " + marker, "Degree " + marker, 2008, 2012)),
                List.of("Skill " + marker), List.of("Interest " + marker), Map.of("github", "gh" + marker)));
        photos.upload(leaver.id(), org.rapport.server.photo.TestImages.png(300, 200));
        Member friend = members.create("Fern", "Friend");
        Member other = members.create("Oli", "Other");
        Member invited = members.create("Ina", "Invited");
        Member inviter = members.create("Ivo", "Inviter");
        Member blocked = members.create("Bo", "Blocked");
        connect(leaver, friend);
        connect(leaver, other);
        connect(friend, other);
        invitations.invite(leaver.id(), invited.id(), "Note " + marker);
        invitations.invite(inviter.id(), leaver.id(), "Hello there");
        follows.follow(leaver.id(), invited.id());
        follows.follow(inviter.id(), leaver.id());
        posts.create(leaver.id(), "Update " + marker, "ANYONE");
        long conversation = messaging.start(leaver.id(), friend.id(), "Message " + marker).conversation().id();
        messaging.send(friend.id(), conversation, "A reply to Lea");
        String book = "Name,E-mail 1 - Value\nContact " + marker + ",contact." + marker + "@example.net\n"
                + "Oli," + other.email() + "\n";
        contacts.importNow(leaver.id(), "book.csv", book.getBytes(StandardCharsets.UTF_8));
        blocks.block(leaver.id(), blocked.id());
        vips.replace(leaver.id(), List.of(friend.id()));
        vips.replace(friend.id(), List.of(leaver.id()));
        views.record(leaver.id(), other.id());
        views.record(other.id(), leaver.id());
        views.flush();
        // A group the member created (it passes to the friend) and one they only wrote in.
        long club = groups.create(leaver.id(), new GroupChanges("Erasure club " + System.nanoTime(), "A club", "",
                "PUBLIC", true, false)).group().id();
        long other2 = groups.create(friend.id(), new GroupChanges("Friend's circle " + System.nanoTime(), "", "",
                "PUBLIC", true, false)).group().id();
        groups.join(friend.id(), club);
        groups.join(leaver.id(), other2);
        long groupPost = groups.write(leaver.id(), other2, "Group post " + marker).id();
        groups.comment(leaver.id(), other2, groupPost, "Comment " + marker);
        groups.comment(leaver.id(), other2, groups.write(friend.id(), other2, "A post by Fern").id(), "Reply " + marker);
        // An identity of the organisation's provider linked to the account (issue 16, single sign-on).
        jdbc.sql("INSERT INTO external_identities (provider, subject, member_id, email, linked_at, last_used_at) "
                        + "VALUES ('corp', :s, :m, :e, 1, 1)")
                .param("s", "sub-" + marker).param("m", leaver.id()).param("e", leaver.email()).update();
        Caller asFriend = signIn(friend);
        Caller asLeaver = signIn(leaver);
        awaitSearch(asFriend, marker, 1);

        // What deletion will erase, the member could take with them first.
        Map<String, Object> export = exports.everything(leaver.id());
        for (String part : List.of("profile", "invitations", "updates", "messages", "groupPosts", "groupComments", "contacts",
                "signInProviders")) {
            assertThat(json.writeValueAsString(export.get(part))).as("the export's %s", part).contains(marker);
        }
        assertThat((List<?>) export.get("groups")).hasSize(2);
        assertThat(((Map<?, ?>) export.get("profile")).get("photo")).as("the export's photo").isNotNull();

        Map<String, Long> before = traces(leaver.id(), marker);
        assertThat(before).as("the scan sees what the member left before deletion")
                .containsKeys("members.id", "connections.member_lo|member_hi", "posts.author_id", "contacts.member_id",
                        "member_photos.member_id");
        for (String table : List.of("members", "member_positions", "posts", "messages", "contacts", "invitations",
                "group_posts", "group_comments", "external_identities")) {
            assertThat(before.keySet()).as("the scan finds the marker in %s", table)
                    .anyMatch(k -> k.startsWith(table + ".") && k.endsWith("(text)"));
        }

        perform(asLeaver, org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(API + "/me"),
                java.util.Map.of("password", "a long enough password")).expect(204);
        views.flush();

        assertThat(traces(leaver.id(), marker)).as("rows pointing at the deleted member or carrying their texts").isEmpty();
        awaitSearch(asFriend, marker, 0);
        assertThat(index.graph().connectionCount((int) leaver.id())).isZero();
        assertThat(index.graph().connectionCount((int) friend.id())).isEqualTo(1);
        assertThat(get(asFriend, "/conversations").expect(200).rawText()).doesNotContain(marker);
        assertThat(groups.view(friend.id(), club).group().ownerId()).as("the group passed on").isEqualTo(friend.id());
    }

    /** Letters only, so that no tokenizer or case folding splits or hides it. */
    private static String marker() {
        Random random = new Random();
        StringBuilder b = new StringBuilder("Qz");
        for (int i = 0; i < 10; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private void awaitSearch(Caller as, String marker, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long total;
        while ((total = get(as, "/search/people?q=" + marker).expect(200).body().path("total").asLong()) != expected) {
            assertThat(System.nanoTime()).as("search finds %d for the marker within 15 s (finds %d)", expected, total)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Every place the member is still found, by "table.column": rows whose column references
     * {@code members} (a declared foreign key) and holds their id, and rows with a text column
     * that contains the marker, in any case.
     */
    private Map<String, Long> traces(long member, String marker) throws SQLException {
        Map<String, Long> found = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.startsWith("flyway") && !table.startsWith("sqlite_")) {
                        tables.add(table);
                    }
                }
            }
            assertThat(tables).as("the schema scan finds the tables").contains("members", "connections", "messages");
            for (String table : tables) {
                List<String> memberColumns = new ArrayList<>();
                try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
                    while (rs.next()) {
                        if (rs.getString("PKTABLE_NAME").equalsIgnoreCase("members")) {
                            memberColumns.add(rs.getString("FKCOLUMN_NAME"));
                        }
                    }
                }
                if (table.equals("members")) {
                    memberColumns.add("id");
                }
                if (table.equals("connections") || table.equals("invitations")) {
                    memberColumns.removeAll(List.of("member_lo", "member_hi"));
                    count(c, found, table + ".member_lo|member_hi",
                            "SELECT count(*) FROM " + table + " WHERE member_lo = ? OR member_hi = ?", member, member);
                }
                for (String column : memberColumns) {
                    count(c, found, table + "." + column, "SELECT count(*) FROM " + table + " WHERE " + column + " = ?", member);
                }
                try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
                    while (rs.next()) {
                        int type = rs.getInt("DATA_TYPE");
                        if (type == Types.VARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB || type == Types.CHAR
                                || type == Types.NVARCHAR) {
                            String column = rs.getString("COLUMN_NAME");
                            count(c, found, table + "." + column + " (text)", "SELECT count(*) FROM " + table
                                    + " WHERE lower(" + column + ") LIKE ?", "%" + marker.toLowerCase(Locale.ROOT) + "%");
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void count(Connection c, Map<String, Long> found, String label, String sql, Object... params)
            throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    found.merge(label, rs.getLong(1), Long::sum);
                }
            }
        }
    }
}
