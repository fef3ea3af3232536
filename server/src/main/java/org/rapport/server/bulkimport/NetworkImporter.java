package org.rapport.server.bulkimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.rapport.server.account.AccountService;
import org.rapport.server.network.GraphChangeLog;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.system.Database;
import org.rapport.server.system.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Operator bulk import (E7): reads a whole network, checks it, and writes it in one transaction.
 *
 * <p><b>Atomic.</b> Every line of the source is read and checked before the database is touched:
 * a malformed line, a reference to an unknown member, an external id or e-mail address already in
 * the database all refuse the import with {@code file:line: reason} and nothing written. The
 * writing itself is one transaction (indexes dropped for the load are rebuilt inside it), so a
 * failure there, a full disk or an interrupted process, rolls everything back too.
 *
 * <p><b>Fast.</b> Rows are streamed with batched prepared inserts on SQLite and {@code COPY} on
 * PostgreSQL, in primary-key order for connections. Ids are assigned by the import: the members
 * get consecutive ids after the highest ever used, which is also what lets connections be written
 * without looking anything up. A large load into a table drops its secondary indexes (and on
 * PostgreSQL its foreign keys) first and rebuilds them at the end, one sort instead of millions of
 * random insertions ({@link IndexStrategy}).
 *
 * <p><b>What members get.</b> Imported members keep their source id as {@code external_id}. One
 * without an e-mail address gets {@code member-<id>@imported.invalid} (the {@code .invalid} domain
 * can never receive mail), and nobody has a password ({@link AccountService#NO_PASSWORD}): signing
 * in as an imported member fails like a wrong password until a way to claim an account exists.
 * Connections have origin {@code IMPORT} and no invitation.
 *
 * <p><b>The server's graph.</b> A running server keeps its own copy of the graph, loaded at
 * start-up; import with the server stopped (the CLI refuses a SQLite file a server has open), or
 * ask for {@link Options#reloadGraph()} when importing inside the server's process.
 */
@Service
public class NetworkImporter {

    /** When to drop a table's secondary indexes for the load and rebuild them after. */
    public enum IndexStrategy {
        /** When the rows to load are many ({@value #REBUILD_MIN_ROWS}+) and at least half of what the table holds. */
        AUTO,
        /** Never: every row updates every index as it goes in. */
        KEEP,
        /** Always. */
        REBUILD
    }

    public record Options(IndexStrategy indexes, boolean reloadGraph) {
        public static Options defaults() {
            return new Options(IndexStrategy.AUTO, false);
        }
    }

    static final String PLACEHOLDER_DOMAIN = "imported.invalid";
    private static final long REBUILD_MIN_ROWS = 50_000;
    private static final int PROGRESS_STEP = 8192;
    private static final int KEY_CACHE_MAX = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(NetworkImporter.class);

    private final DataSource dataSource;
    private final Database database;
    private final Clock clock;
    private final GraphIndex graph;
    private final JsonMapper json;

    public NetworkImporter(DataSource dataSource, Database database, Clock clock, GraphIndex graph, JsonMapper json) {
        this.dataSource = dataSource;
        this.database = database;
        this.clock = clock;
        this.graph = graph;
        this.json = json;
    }

    /**
     * Imports the network at {@code path}.
     *
     * @throws ImportRejectedException with a one-line reason; the database is then as it was
     */
    public ImportSummary importNetwork(ImportFormat format, Path path, ImportProgress reporter, Options options) {
        long start = System.nanoTime();
        PhaseTimer progress = new PhaseTimer(reporter);
        Instant startedAt = clock.instant();
        if (!Files.exists(path)) {
            throw new ImportRejectedException(path + ": no such file or directory");
        }
        StagedNetwork network;
        try {
            int maxYear = Year.now(clock).getValue() + 10;
            network = switch (format) {
                case SNAP -> SnapReader.read(path, progress);
                case LDBC -> LdbcReader.read(path, progress, maxYear);
                case CSV -> CsvNetworkReader.read(path, progress);
            };
        } catch (NoSuchFileException e) {
            throw new ImportRejectedException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new ImportRejectedException(path + ": cannot be read: " + e.getMessage(), e);
        }
        ImportSummary summary;
        try {
            summary = write(network, startedAt, start, progress, options);
        } catch (SQLException e) {
            throw new ImportRejectedException("the database refused the import, nothing was written: "
                    + firstLine(e.getMessage()), e);
        } finally {
            progress.done();
        }
        if (options.reloadGraph()) {
            graph.reload();
        }
        log.info("Import {}: {}", summary.importId(), summary.oneLine());
        return summary;
    }

    private ImportSummary write(StagedNetwork network, Instant startedAt, long start, PhaseTimer progress,
                                Options options) throws SQLException {
        List<StagedNetwork.Member> members = network.members();
        EdgeBuffer edges = network.connections();
        long now = startedAt.toEpochMilli();
        try (BulkLoader db = BulkLoader.open(dataSource, database)) {
            progress.phase("check against the database", 0, ImportProgress.Unit.STEPS);
            db.begin();
            long memberBase = db.lastId("members");
            long groupBase = db.lastId("groups");
            if (memberBase + members.size() > Integer.MAX_VALUE) {
                throw new ImportRejectedException("too many members: ids would pass 2^31, the graph index's limit");
            }
            String[] emails = emails(members, memberBase);
            checkClashes(db, network, emails);

            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put("members", (long) members.size());
            rows.put("member_positions", (long) network.positions().size());
            rows.put("member_education", (long) network.education().size());
            rows.put("member_interests", (long) network.interests().size());
            rows.put("connections", (long) edges.size());
            rows.put("groups", (long) network.groups().size());
            rows.put("group_members", (long) network.memberships().size());
            List<String> rebuild = new ArrayList<>();
            for (Map.Entry<String, Long> t : rows.entrySet()) {
                if (t.getValue() > 0 && dropIndexes(db, t.getKey(), t.getValue(), options.indexes())) {
                    rebuild.addAll(db.dropForLoad(t.getKey()));
                }
            }

            Keys keys = new Keys();
            writeMembers(db, keys, members, emails, memberBase, now, progress);
            writePositions(db, keys, network, memberBase, progress);
            writeEducation(db, keys, network, memberBase, progress);
            writeInterests(db, keys, network, memberBase, progress);
            writeConnections(db, edges, memberBase, now, progress);
            writeGroups(db, network, memberBase, groupBase, now, progress);

            if (!rebuild.isEmpty()) {
                progress.phase("rebuild indexes", rebuild.size(), ImportProgress.Unit.STEPS);
                for (String ddl : rebuild) {
                    db.execute(ddl);
                    progress.advance(1);
                }
            }
            if (!members.isEmpty()) {
                db.reserveIds("members", memberBase + members.size());
            }
            if (!network.groups().isEmpty()) {
                db.reserveIds("groups", groupBase + network.groups().size());
            }
            Long first = members.isEmpty() ? null : memberBase + 1;
            Long last = members.isEmpty() ? null : memberBase + members.size();
            ImportSummary draft = summary(0, network, start, first, last, progress);
            long importId = recordImport(db, draft, startedAt, clock.instant());
            // One RELOAD entry tells every node following the graph change log to load the graph
            // again, instead of a log entry per connection.
            GraphChangeLog.appendReload(db.connection(), !database.isSqlite(), graph.nodeId(), clock.millis());
            progress.phase("commit", 0, ImportProgress.Unit.STEPS);
            db.commit();
            progress.phase("checkpoint", 0, ImportProgress.Unit.STEPS);
            db.close();
            progress.done();
            return summary(importId, network, start, first, last, progress);
        }
    }

    private static boolean dropIndexes(BulkLoader db, String table, long rows, IndexStrategy strategy)
            throws SQLException {
        return switch (strategy) {
            case KEEP -> false;
            case REBUILD -> true;
            case AUTO -> rows >= REBUILD_MIN_ROWS && rows * 2 >= db.estimatedRows(table);
        };
    }

    /** Each member's address: their own, or a placeholder that can never receive mail. */
    private static String[] emails(List<StagedNetwork.Member> members, long memberBase) {
        String[] emails = new String[members.size()];
        for (int i = 0; i < emails.length; i++) {
            String e = members.get(i).email();
            emails[i] = e != null ? e : "member-" + (memberBase + 1 + i) + "@" + PLACEHOLDER_DOMAIN;
        }
        return emails;
    }

    /** Refuses an import whose external ids or e-mail addresses are already in the database. */
    private static void checkClashes(BulkLoader db, StagedNetwork network, String[] emails) throws SQLException {
        List<StagedNetwork.Member> members = network.members();
        if (!members.isEmpty() && db.queryLong("SELECT count(*) FROM members") > 0) {
            Map<String, Long> byExternalId = new HashMap<>();
            Map<String, Long> byEmail = new HashMap<>();
            try (PreparedStatement ps = db.connection().prepareStatement("SELECT id, external_id, email FROM members");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        byExternalId.put(rs.getString(2), rs.getLong(1));
                    }
                    byEmail.put(rs.getString(3), rs.getLong(1));
                }
            }
            int clashes = 0;
            int firstClash = -1;
            String reason = null;
            for (int i = 0; i < members.size(); i++) {
                StagedNetwork.Member m = members.get(i);
                Long existing = byExternalId.get(m.externalId());
                String why = null;
                if (existing != null) {
                    why = "external id " + m.externalId() + " is already member " + existing + " in the database";
                } else if ((existing = byEmail.get(emails[i])) != null) {
                    why = "e-mail " + emails[i] + " is already member " + existing + "'s";
                }
                if (why != null) {
                    if (clashes++ == 0) {
                        firstClash = i;
                        reason = why;
                    }
                }
            }
            if (clashes > 0) {
                StagedNetwork.Member m = members.get(firstClash);
                throw ImportRejectedException.at(m.file(), m.line(), reason
                        + (clashes > 1 ? " (and " + (clashes - 1) + " more members clash)" : "")
                        + "; an import only adds members: nothing was written");
            }
        }
        List<StagedNetwork.Group> groups = network.groups();
        if (!groups.isEmpty() && db.queryLong("SELECT count(*) FROM groups WHERE external_id IS NOT NULL") > 0) {
            Set<String> existing = new HashSet<>();
            try (PreparedStatement ps = db.connection().prepareStatement(
                    "SELECT external_id FROM groups WHERE external_id IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (StagedNetwork.Group g : groups) {
                if (existing.contains(g.externalId())) {
                    throw ImportRejectedException.at(g.file(), g.line(), "group external id " + g.externalId()
                            + " is already in the database; an import only adds groups: nothing was written");
                }
            }
        }
    }

    private static void writeMembers(BulkLoader db, Keys keys, List<StagedNetwork.Member> members, String[] emails, long base,
                              long now, ImportProgress progress) throws SQLException {
        progress.phase("write members", members.size(), ImportProgress.Unit.ROWS);
        SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
        try (BulkLoader.RowSink rows = db.rows("members", List.of("id", "email", "password_hash", "security_stamp",
                "first_name", "last_name", "sort_first", "sort_last", "headline", "location", "industry", "external_id",
                "created_at", "updated_at"), Map.of())) {
            for (int i = 0; i < members.size(); i++) {
                StagedNetwork.Member m = members.get(i);
                long created = m.createdAt() == EdgeBuffer.NO_TIME ? now : m.createdAt();
                rows.add(base + 1 + i).add(emails[i]).add(AccountService.NO_PASSWORD)
                        .add(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                        .add(m.firstName()).add(m.lastName()).add(keys.of(m.firstName())).add(keys.of(m.lastName()))
                        .add(m.headline()).add(m.location()).add(m.industry()).add(m.externalId())
                        .add(created).add(Math.max(created, now));
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    private static void writePositions(BulkLoader db, Keys keys, StagedNetwork network, long base, ImportProgress progress)
            throws SQLException {
        List<StagedNetwork.Position> positions = network.positions();
        if (positions.isEmpty()) {
            return;
        }
        progress.phase("write positions", positions.size(), ImportProgress.Unit.ROWS);
        try (BulkLoader.RowSink rows = db.rows("member_positions", List.of("member_id", "ordinal", "company",
                "company_key", "start_year", "end_year"), Map.of("title", ""))) {
            for (int i = 0; i < positions.size(); i++) {
                StagedNetwork.Position p = positions.get(i);
                rows.add(base + 1 + p.member()).add(p.ordinal()).add(p.company()).add(keys.of(p.company()))
                        .add(p.startYear()).add(p.endYear());
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    private static void writeEducation(BulkLoader db, Keys keys, StagedNetwork network, long base, ImportProgress progress)
            throws SQLException {
        List<StagedNetwork.Education> education = network.education();
        if (education.isEmpty()) {
            return;
        }
        progress.phase("write education", education.size(), ImportProgress.Unit.ROWS);
        try (BulkLoader.RowSink rows = db.rows("member_education", List.of("member_id", "ordinal", "school",
                "school_key", "start_year", "end_year"), Map.of("degree", ""))) {
            for (int i = 0; i < education.size(); i++) {
                StagedNetwork.Education e = education.get(i);
                rows.add(base + 1 + e.member()).add(e.ordinal()).add(e.school()).add(keys.of(e.school()))
                        .add(e.startYear()).add(e.endYear());
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    private static void writeInterests(BulkLoader db, Keys keys, StagedNetwork network, long base, ImportProgress progress)
            throws SQLException {
        List<StagedNetwork.Interest> interests = network.interests();
        if (interests.isEmpty()) {
            return;
        }
        progress.phase("write interests", interests.size(), ImportProgress.Unit.ROWS);
        try (BulkLoader.RowSink rows = db.rows("member_interests", List.of("member_id", "name_key", "name",
                "ordinal"), Map.of())) {
            for (int i = 0; i < interests.size(); i++) {
                StagedNetwork.Interest t = interests.get(i);
                rows.add(base + 1 + t.member()).add(keys.of(t.name())).add(t.name()).add(t.ordinal());
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    /** In primary-key order (the edges are sorted by pair), so the key index only ever appends. */
    private static void writeConnections(BulkLoader db, EdgeBuffer edges, long base, long now,
                                         ImportProgress progress) throws SQLException {
        if (edges.size() == 0) {
            return;
        }
        progress.phase("write connections", edges.size(), ImportProgress.Unit.ROWS);
        try (BulkLoader.RowSink rows = db.rows("connections", List.of("member_lo", "member_hi", "created_at"),
                Map.of("origin", "IMPORT"))) {
            for (int i = 0; i < edges.size(); i++) {
                long at = edges.time(i);
                rows.add(base + 1 + edges.lo(i)).add(base + 1 + edges.hi(i)).add(at == EdgeBuffer.NO_TIME ? now : at);
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    private static void writeGroups(BulkLoader db, StagedNetwork network, long memberBase, long groupBase, long now,
                                    ImportProgress progress) throws SQLException {
        List<StagedNetwork.Group> groups = network.groups();
        if (groups.isEmpty()) {
            return;
        }
        progress.phase("write groups", groups.size() + network.memberships().size(), ImportProgress.Unit.ROWS);
        try (BulkLoader.RowSink rows = db.rows("groups", List.of("id", "name", "owner_id", "external_id",
                "created_at"), Map.of())) {
            for (int i = 0; i < groups.size(); i++) {
                StagedNetwork.Group g = groups.get(i);
                rows.add(groupBase + 1 + i).add(g.name());
                if (g.owner() < 0) {
                    rows.add((String) null);
                } else {
                    rows.add(memberBase + 1 + g.owner());
                }
                rows.add(g.externalId()).add(g.createdAt() == EdgeBuffer.NO_TIME ? now : g.createdAt());
                rows.endRow();
                tick(progress, i);
            }
        }
        try (BulkLoader.RowSink rows = db.rows("group_members", List.of("group_id", "member_id", "role",
                "joined_at"), Map.of())) {
            List<StagedNetwork.Membership> memberships = network.memberships();
            for (int i = 0; i < memberships.size(); i++) {
                StagedNetwork.Membership m = memberships.get(i);
                rows.add(groupBase + 1 + m.group()).add(memberBase + 1 + m.member()).add(m.role())
                        .add(m.joinedAt() == EdgeBuffer.NO_TIME ? now : m.joinedAt());
                rows.endRow();
                tick(progress, i);
            }
        }
    }

    private long recordImport(BulkLoader db, ImportSummary summary, Instant startedAt, Instant finishedAt)
            throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement("""
                INSERT INTO imports (format, source, started_at, finished_at, members, connections, groups_added,
                                     first_member_id, last_member_id, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")) {
            ps.setString(1, summary.format().name());
            ps.setString(2, summary.source());
            ps.setLong(3, startedAt.toEpochMilli());
            ps.setLong(4, Math.max(startedAt.toEpochMilli(), finishedAt.toEpochMilli()));
            ps.setLong(5, summary.members());
            ps.setLong(6, summary.connections());
            ps.setLong(7, summary.groups());
            ps.setObject(8, summary.firstMemberId());
            ps.setObject(9, summary.lastMemberId());
            ps.setString(10, json.writeValueAsString(summary.toJson()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ImportSummary summary(long importId, StagedNetwork network, long start, Long first, Long last,
                                         PhaseTimer timer) {
        return new ImportSummary(importId, network.format(), network.source(), network.members().size(),
                network.connections().size(), network.positions().size(), network.education().size(),
                network.interests().size(), network.groups().size(), network.memberships().size(), network.skipped(),
                (System.nanoTime() - start) / 1e9, first, last, timer.seconds());
    }

    /**
     * {@link Text#key} remembered for one import: names, companies and interests repeat a lot, and
     * a key (Unicode decomposition and two regular expressions) costs more than writing the row.
     */
    private static final class Keys {
        private final Map<String, String> cache = new HashMap<>();

        String of(String text) {
            String key = cache.get(text);
            if (key == null) {
                key = Text.key(text);
                if (cache.size() < KEY_CACHE_MAX) {
                    cache.put(text, key);
                }
            }
            return key;
        }
    }

    private static void tick(ImportProgress progress, int i) {
        if ((i + 1) % PROGRESS_STEP == 0) {
            progress.advance(PROGRESS_STEP);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
