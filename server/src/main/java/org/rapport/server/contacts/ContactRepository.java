package org.rapport.server.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code contact_imports}, {@code contacts} and {@code email_invitations} tables, and member lookups for matching. */
@Repository
public class ContactRepository {

    /** An import as its owner sees it. */
    public record ImportRow(long id, String format, String fileName, String status, long rowsRead, long imported,
                            long skipped, long matched, String report, Instant createdAt, Instant finishedAt) {
    }

    /** A contact ready to store. */
    record NewContact(String displayName, String emailHash, String emailSealed, String handleHash, String handleLabel,
                      Long matchedMemberId, Long expiresAt) {
    }

    /** A stored contact. */
    public record ContactRow(long id, long importId, String displayName, String emailSealed, String handleLabel,
                             Long matchedMemberId, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ContactRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long createImport(long member, String fileName, Instant now) {
        return jdbc.sql("""
                        INSERT INTO contact_imports (member_id, format, file_name, status, created_at)
                        VALUES (:m, 'UNKNOWN', :f, 'PROCESSING', :now) RETURNING id""")
                .param("m", member).param("f", fileName).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    /** Ends an import that is still processing; false when it was not (given up on, or gone). */
    boolean finishImport(long id, String status, String format, long rows, long imported, long skipped, long matched,
                         String report, Instant now) {
        return jdbc.sql("""
                        UPDATE contact_imports SET status = :s, format = :f, rows_read = :r, imported = :i, skipped = :k,
                               matched = :m, report = :rep, finished_at = :now
                        WHERE id = :id AND status = 'PROCESSING'""")
                .param("s", status).param("f", format).param("r", rows).param("i", imported).param("k", skipped)
                .param("m", matched).param("rep", report).param("now", now.toEpochMilli()).param("id", id).update() == 1;
    }

    /** An import still processing: whose, and the file name it was uploaded under. */
    record Processing(long id, long memberId, String fileName) {
    }

    /** How many of the member's imports are waiting or running. */
    long processingImports(long member) {
        return jdbc.sql("SELECT count(*) FROM contact_imports WHERE member_id = :m AND status = 'PROCESSING'")
                .param("m", member).query(Long.class).single();
    }

    Optional<Processing> processingImport(long id) {
        return jdbc.sql("SELECT id, member_id, file_name FROM contact_imports WHERE id = :id AND status = 'PROCESSING'")
                .param("id", id)
                .query((rs, n) -> new Processing(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
    }

    List<Long> processingImportIds() {
        return jdbc.sql("SELECT id FROM contact_imports WHERE status = 'PROCESSING' ORDER BY id").query(Long.class).list();
    }

    /** Marks as failed the imports still processing that began before {@code before}; how many. */
    int abandonImports(Instant before, String report, Instant now) {
        return jdbc.sql("""
                        UPDATE contact_imports SET status = 'FAILED', report = :rep, finished_at = :now
                        WHERE status = 'PROCESSING' AND created_at < :before""")
                .param("rep", report).param("now", now.toEpochMilli()).param("before", before.toEpochMilli()).update();
    }

    Optional<ImportRow> findImport(long member, long id) {
        return jdbc.sql("SELECT * FROM contact_imports WHERE id = :id AND member_id = :m").param("id", id)
                .param("m", member).query(ContactRepository::importRow).optional();
    }

    List<ImportRow> imports(long member) {
        return jdbc.sql("SELECT * FROM contact_imports WHERE member_id = :m ORDER BY created_at DESC, id DESC LIMIT 100")
                .param("m", member).query(ContactRepository::importRow).list();
    }

    boolean deleteImport(long member, long id) {
        return jdbc.sql("DELETE FROM contact_imports WHERE id = :id AND member_id = :m").param("id", id)
                .param("m", member).update() > 0;
    }

    /** The address and handle hashes a member already has, so a second upload adds no duplicates. */
    Set<String> existingKeys(long member) {
        Set<String> out = new HashSet<>();
        jdbc.sql("SELECT email_hash, handle_hash FROM contacts WHERE member_id = :m").param("m", member)
                .query((java.sql.ResultSet rs) -> {
                    if (rs.getString(1) != null) {
                        out.add("e:" + rs.getString(1));
                    }
                    if (rs.getString(2) != null) {
                        out.add("h:" + rs.getString(2));
                    }
                });
        return out;
    }

    void insertContacts(long member, long importId, List<NewContact> contacts, Instant now) {
        List<Object[]> rows = new ArrayList<>(contacts.size());
        for (NewContact c : contacts) {
            rows.add(new Object[] {member, importId, c.displayName(), c.emailHash(), c.emailSealed(), c.handleHash(),
                    c.handleLabel(), c.matchedMemberId(), now.toEpochMilli(), c.expiresAt()});
        }
        batch.batchUpdate("""
                INSERT INTO contacts (member_id, import_id, display_name, email_hash, email_sealed, handle_hash,
                                      handle_label, matched_member_id, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, 1000,
                (ps, row) -> {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                });
    }

    /**
     * Members whose verified address is one of {@code emails} (an unverified address matches nobody),
     * and only those who let people who have their address find them (E6), so a refusal is never a
     * reverse look-up.
     */
    Map<String, Long> membersByEmail(Collection<String> emails) {
        Map<String, Long> out = new HashMap<>();
        List<String> all = new ArrayList<>(emails);
        for (int i = 0; i < all.size(); i += 500) {
            jdbc.sql("SELECT email, id FROM members WHERE email IN (:e) AND email_verified_at IS NOT NULL AND suggest_to_contacts = TRUE").param("e", all.subList(i, Math.min(all.size(), i + 500)))
                    .query((java.sql.ResultSet rs) -> {
                        out.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return out;
    }

    /** Members' listed handles whose key is one of {@code keys}: {member id, network, handle}. */
    List<String[]> memberHandles(Collection<String> keys) {
        List<String[]> out = new ArrayList<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += 500) {
            jdbc.sql("SELECT member_id, network, handle FROM member_handles WHERE handle_key IN (:k)")
                    .param("k", all.subList(i, Math.min(all.size(), i + 500)))
                    .query((java.sql.ResultSet rs) -> {
                        out.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3)});
                    });
        }
        return out;
    }

    Set<Long> existingMembers(Collection<Long> ids) {
        Set<Long> out = new HashSet<>();
        List<Long> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            out.addAll(jdbc.sql("SELECT id FROM members WHERE id IN (:ids)").param("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .query(Long.class).list());
        }
        return out;
    }

    /**
     * One page of a member's contacts: matched to members (each member once, though an address and
     * a handle may both have found them), or not matched.
     */
    List<ContactRow> contacts(long member, boolean matched, PageRequest page) {
        StringBuilder sql = new StringBuilder(matched
                ? "SELECT * FROM contacts WHERE id IN (SELECT min(id) FROM contacts WHERE member_id = :m"
                        + " AND matched_member_id IS NOT NULL GROUP BY matched_member_id)"
                : "SELECT * FROM contacts WHERE member_id = :m AND matched_member_id IS NULL");
        var params = new HashMap<String, Object>();
        params.put("m", member);
        if (page.cursor() != null) {
            sql.append(" AND id < :after");
            params.put("after", Cursor.parseLong(Cursor.decode(page.cursor(), matched ? "cm" : "cu", 1).get(0)));
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(ContactRepository::contactRow).list();
    }

    long count(long member, boolean matched) {
        return jdbc.sql(matched
                        ? "SELECT count(DISTINCT matched_member_id) FROM contacts WHERE member_id = :m AND matched_member_id IS NOT NULL"
                        : "SELECT count(*) FROM contacts WHERE member_id = :m AND matched_member_id IS NULL")
                .param("m", member).query(Long.class).single();
    }

    Optional<ContactRow> contact(long member, long id) {
        return jdbc.sql("SELECT * FROM contacts WHERE id = :id AND member_id = :m").param("id", id).param("m", member)
                .query(ContactRepository::contactRow).optional();
    }

    /** Whether {@code owner} has {@code member} among their matched contacts (I2, C5). */
    public boolean hasContact(long owner, long member) {
        return jdbc.sql("SELECT count(*) FROM contacts WHERE member_id = :o AND matched_member_id = :m")
                .param("o", owner).param("m", member).query(Long.class).single() > 0;
    }

    /** Matched contacts of {@code owner} who let themselves be suggested to people who have their address. */
    List<Long> suggestableContacts(long owner, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT c.matched_member_id FROM contacts c JOIN members m ON m.id = c.matched_member_id
                        WHERE c.member_id = :o AND m.suggest_to_contacts = TRUE
                        LIMIT :limit""")
                .param("o", owner).param("limit", limit).query(Long.class).list();
    }

    /** How many members the uploader's imports created since {@code since} matched. */
    long matchedSince(long member, Instant since) {
        return jdbc.sql("SELECT coalesce(sum(matched), 0) FROM contact_imports WHERE member_id = :m AND created_at >= :t")
                .param("m", member).param("t", since.toEpochMilli()).query(Long.class).single();
    }

    /** Contacts that found {@code member} by their address stop naming them and expire at {@code expiresAt}. */
    int unmatchByAddress(long member, Instant expiresAt) {
        return jdbc.sql("""
                        UPDATE contacts SET matched_member_id = NULL, expires_at = :x
                        WHERE matched_member_id = :m AND email_hash IS NOT NULL""")
                .param("m", member).param("x", expiresAt.toEpochMilli()).update();
    }

    /** A new member's address reaches the contacts waiting for it: they become matched and stop expiring. */
    int matchNewMember(String emailHash, long member) {
        return jdbc.sql("""
                        UPDATE contacts SET matched_member_id = :m, expires_at = NULL
                        WHERE email_hash = :h AND matched_member_id IS NULL AND member_id <> :m""")
                .param("m", member).param("h", emailHash).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM contacts WHERE expires_at IS NOT NULL AND expires_at <= :now AND matched_member_id IS NULL")
                .param("now", now.toEpochMilli()).update();
    }

    ContactService.Settings settings(long member) {
        return jdbc.sql("SELECT suggest_to_contacts, share_email_with_connections FROM members WHERE id = :m")
                .param("m", member).query((rs, n) -> new ContactService.Settings(rs.getBoolean(1), rs.getBoolean(2)))
                .optional().orElseThrow(org.rapport.server.member.MemberNotFoundException::new);
    }

    void saveSettings(long member, ContactService.Settings s) {
        jdbc.sql("UPDATE members SET suggest_to_contacts = :a, share_email_with_connections = :b WHERE id = :m")
                .param("a", s.suggestToContacts()).param("b", s.shareEmailWithConnections()).param("m", member).update();
    }

    // -- e-mail invitations --------------------------------------------------------------------

    boolean insertEmailInvitation(long sender, String emailHash, String note, Instant now, Instant expires) {
        return jdbc.sql("""
                        INSERT INTO email_invitations (sender_id, email_hash, note, status, created_at, expires_at)
                        VALUES (:s, :h, :n, 'SENT', :now, :exp) ON CONFLICT DO NOTHING""")
                .param("s", sender).param("h", emailHash).param("n", note).param("now", now.toEpochMilli())
                .param("exp", expires.toEpochMilli()).update() > 0;
    }

    /** Open e-mail invitations to an address: {id, sender, note}. */
    List<Object[]> openEmailInvitations(String emailHash, Instant now) {
        return jdbc.sql("""
                        SELECT id, sender_id, note FROM email_invitations
                        WHERE email_hash = :h AND status = 'SENT' AND expires_at > :now ORDER BY id""")
                .param("h", emailHash).param("now", now.toEpochMilli())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).list();
    }

    void convertEmailInvitation(long id, Long invitationId) {
        jdbc.sql("UPDATE email_invitations SET status = 'CONVERTED', invitation_id = :inv WHERE id = :id")
                .param("inv", invitationId).param("id", id).update();
    }

    /** How many e-mail invitations a sender sent since {@code since} (they count in the invitation quota). */
    public long emailInvitationsSince(long sender, Instant since) {
        return jdbc.sql("SELECT count(*) FROM email_invitations WHERE sender_id = :s AND created_at > :since")
                .param("s", sender).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    private static ImportRow importRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long finished = rs.getLong("finished_at");
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new ImportRow(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"), rs.getString("status"),
                rs.getLong("rows_read"), rs.getLong("imported"), rs.getLong("skipped"), rs.getLong("matched"),
                rs.getString("report"), Instant.ofEpochMilli(rs.getLong("created_at")), finishedAt);
    }

    private static ContactRow contactRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long matched = rs.getLong("matched_member_id");
        Long matchedId = rs.wasNull() ? null : matched;
        long expires = rs.getLong("expires_at");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        return new ContactRow(rs.getLong("id"), rs.getLong("import_id"), rs.getString("display_name"),
                rs.getString("email_sealed"), rs.getString("handle_label"), matchedId,
                Instant.ofEpochMilli(rs.getLong("created_at")), expiresAt);
    }
}
