package org.rapport.server.bulkimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rapport.server.account.AccountService;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.system.Text;

/**
 * Reads an LDBC Social Network Benchmark directory as a professional network. Two layouts are
 * recognised by where {@code person} files are found:
 * <ul>
 *   <li>Neo4j-import style: all files in the directory, named {@code Person.csv},
 *       {@code Person_knows_Person.csv}, {@code Person_knows_Person_1.csv} …, headers like
 *       {@code id:ID(Person)|firstName:STRING}, dates like {@code 20100422123057947};</li>
 *   <li>LDBC's own CSV layout: {@code dynamic/} and {@code static/} folders with files such as
 *       {@code person_0_0.csv}, headers like {@code Person.id|Person.id|creationDate}, dates as
 *       epoch milliseconds or ISO-8601 strings.</li>
 * </ul>
 * A logical file ({@code person_knows_person}) is every file whose name is it followed by
 * {@code _<n>} parts and {@code .csv} (any case, optionally {@code .gz}), read in name order.
 *
 * <p>What becomes what:
 * <ul>
 *   <li>Person → member: first and last name, creation date, the first e-mail address when the
 *       data has them (else a placeholder is made when writing); {@code isLocatedIn} city → location
 *       "City, Country" (through the place's {@code isPartOf});</li>
 *   <li>knows → connection with its creation date;</li>
 *   <li>workAt → position at the organisation since {@code workFrom}, newest first;
 *       studyAt → education at the organisation, class year as the end year;</li>
 *   <li>hasInterest → interests (tag names), at most {@value ProfileRules#INTERESTS_MAX} per member
 *       as profiles allow, in file order;</li>
 *   <li>forums titled "Group for …" → groups, their moderator as OWNER and {@code hasMember} rows
 *       as MEMBERs with their join date. Walls ("Wall of …") and photo albums ("Album n of …") are
 *       personal timelines, not communities: they, and memberships of them, are skipped and counted.</li>
 * </ul>
 * Underscores in organisation, place and tag names become spaces. Texts longer than a profile
 * allows are cut with an ellipsis and counted. Comments, posts and likes are not read.
 */
final class LdbcReader {

    static final String GROUP_PREFIX = "Group for ";
    private static final int GROUP_NAME_MAX = 100;
    private static final int MIN_YEAR = 1900;
    private static final int NOT_A_GROUP = -2;

    private final Path root;
    private final List<Path> dirs = new ArrayList<>();
    private final ImportProgress progress;
    private final int maxYear;
    private StagedNetwork network;

    private record Place(String name, String type) {
    }

    private LdbcReader(Path root, ImportProgress progress, int maxYear) {
        this.root = root;
        this.progress = progress;
        this.maxYear = maxYear;
        for (Path dir : List.of(root, root.resolve("dynamic"), root.resolve("static"))) {
            if (Files.isDirectory(dir)) {
                dirs.add(dir);
            }
        }
    }

    /**
     * Reads the data set in {@code root}.
     *
     * @param maxYear the latest start or class year accepted (years before 1900 are refused too)
     */
    static StagedNetwork read(Path root, ImportProgress progress, int maxYear) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new ImportRejectedException(root + ": the ldbc format reads a directory (the data set's root)");
        }
        return new LdbcReader(root, progress, maxYear).read();
    }

    private StagedNetwork read() throws IOException {
        List<Path> persons = files("person");
        if (persons.isEmpty()) {
            throw new ImportRejectedException(root + ": not an LDBC data set: no Person.csv (Neo4j-import style) "
                    + "nor dynamic/person_0_0.csv (LDBC CSV layout) found");
        }
        List<Path> knows = files("person_knows_person");
        if (knows.isEmpty()) {
            throw new ImportRejectedException(root + ": no person_knows_person file (Person_knows_Person.csv or "
                    + "dynamic/person_knows_person_0_0.csv) found");
        }
        List<Path> all = new ArrayList<>();
        for (String logical : List.of("place", "place_ispartof_place", "organisation", "tag", "person",
                "person_email_emailaddress", "person_islocatedin_place", "person_knows_person",
                "person_workat_organisation", "person_studyat_organisation", "person_hasinterest_tag", "forum",
                "forum_hasmoderator_person", "forum_hasmember_person")) {
            all.addAll(files(logical));
        }
        progress.phase("read " + root.getFileName(), SourceFiles.size(all), ImportProgress.Unit.BYTES);

        Map<Long, Place> places = readPlaces();
        Map<Long, String> organisations = readNames("organisation", "name");
        Map<Long, String> tags = readNames("tag", "name");

        network = new StagedNetwork(ImportFormat.LDBC, root.toAbsolutePath().toString(), new EdgeBuffer(true, 1 << 12));
        List<MemberDraft> drafts = new ArrayList<>();
        LongIntMap personIndex = new LongIntMap(1 << 12);
        readPersons(drafts, personIndex);
        readEmails(drafts, personIndex);
        readLocations(drafts, personIndex, places);
        for (MemberDraft d : drafts) {
            network.members().add(d.toMember());
        }
        drafts.clear();

        readKnows(personIndex);
        readPositions(personIndex, organisations);
        readEducation(personIndex, organisations);
        readInterests(personIndex, tags);
        readForums(personIndex);
        progress.phase("sort connections", 0, ImportProgress.Unit.STEPS);
        network.connections().finish();
        return network;
    }

    /** A member while their e-mail and location are still being read. */
    private static final class MemberDraft {
        final String externalId;
        final String firstName;
        final String lastName;
        final long createdAt;
        final String file;
        final long line;
        String email;
        String location = "";

        MemberDraft(String externalId, String firstName, String lastName, long createdAt, String file, long line) {
            this.externalId = externalId;
            this.firstName = firstName;
            this.lastName = lastName;
            this.createdAt = createdAt;
            this.file = file;
            this.line = line;
        }

        StagedNetwork.Member toMember() {
            return new StagedNetwork.Member(externalId, email, firstName, lastName, "", location, "", createdAt,
                    file, line);
        }
    }

    private Map<Long, Place> readPlaces() throws IOException {
        Map<Long, Place> places = new HashMap<>();
        for (Path f : files("place")) {
            try (PipeFile in = open(f)) {
                int id = in.requireColumn("id");
                int name = in.requireColumn("name");
                int type = in.column("type", "label");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    places.put(in.id(row, id), new Place(row[name],
                            type < 0 ? "" : row[type].strip().toLowerCase(Locale.ROOT)));
                }
            }
        }
        Map<Long, Place> located = new HashMap<>();
        Map<Long, Long> parent = new HashMap<>();
        for (Path f : files("place_ispartof_place")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "place id, containing place id");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    long child = in.id(row, 0);
                    long of = in.id(row, 1);
                    if (!places.containsKey(child) || !places.containsKey(of)) {
                        throw in.error("unknown place " + (places.containsKey(child) ? of : child));
                    }
                    parent.put(child, of);
                }
            }
        }
        // "City, Country" for each city; a country or continent stands alone.
        for (Map.Entry<Long, Place> e : places.entrySet()) {
            Place p = e.getValue();
            String name = placeName(p.name());
            Long up = parent.get(e.getKey());
            if ("city".equals(p.type()) && up != null) {
                String country = placeName(places.get(up).name());
                name = name.isEmpty() ? country : name + ", " + country;
            }
            located.put(e.getKey(), new Place(name, p.type()));
        }
        return located;
    }

    /** A place name as a location part; a few LDBC "cities" are map URLs, which name nothing. */
    private static String placeName(String raw) {
        return raw.contains("://") ? "" : SourceText.prettify(raw);
    }

    private Map<Long, String> readNames(String logical, String column) throws IOException {
        Map<Long, String> names = new HashMap<>();
        for (Path f : files(logical)) {
            try (PipeFile in = open(f)) {
                int id = in.requireColumn("id");
                int name = in.requireColumn(column);
                for (String[] row = in.next(); row != null; row = in.next()) {
                    names.put(in.id(row, id), SourceText.prettify(row[name]));
                }
            }
        }
        return names;
    }

    private void readPersons(List<MemberDraft> drafts, LongIntMap personIndex) throws IOException {
        for (Path f : files("person")) {
            try (PipeFile in = open(f)) {
                int id = in.requireColumn("id");
                int first = in.requireColumn("firstName");
                int last = in.requireColumn("lastName");
                int created = in.column("creationDate");
                int email = in.column("email");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    long personId = in.id(row, id);
                    if (!personIndex.putIfAbsent(personId, drafts.size())) {
                        throw in.error("person " + personId + " appears twice");
                    }
                    String firstName = SourceText.clamp(Text.clean(row[first]), ProfileRules.NAME_MAX, network);
                    String lastName = SourceText.clamp(Text.clean(row[last]), ProfileRules.NAME_MAX, network);
                    if (firstName.isEmpty()) {
                        throw in.error("person " + personId + " has no first name");
                    }
                    if (SourceText.hasControlCharacters(firstName) || SourceText.hasControlCharacters(lastName)) {
                        throw in.error("person " + personId + " has control characters in their name");
                    }
                    long createdAt = created < 0 ? EdgeBuffer.NO_TIME : in.date(row, created);
                    MemberDraft draft = new MemberDraft(Long.toString(personId), firstName, lastName, createdAt,
                            in.name(), in.line());
                    if (email >= 0) {
                        for (String candidate : row[email].split(";")) {
                            if (setEmail(draft, candidate)) {
                                break;
                            }
                        }
                    }
                    drafts.add(draft);
                }
            }
        }
    }

    private final Set<String> emailsSeen = new HashSet<>();

    /** Gives the member this address if it is well formed and not taken by another; true if it was given. */
    private boolean setEmail(MemberDraft draft, String raw) {
        if (draft.email != null) {
            return true;
        }
        String email = AccountService.normaliseEmail(raw);
        if (email.isEmpty()) {
            return false;
        }
        if (!AccountService.looksLikeEmail(email)) {
            network.skip("invalidEmails");
            return false;
        }
        if (!emailsSeen.add(email)) {
            network.skip("duplicateEmails");
            return false;
        }
        draft.email = email;
        return true;
    }

    /** LDBC's CsvBasic layout keeps e-mail addresses in their own file. */
    private void readEmails(List<MemberDraft> drafts, LongIntMap personIndex) throws IOException {
        for (Path f : files("person_email_emailaddress")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "person id, e-mail address");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    setEmail(drafts.get(person(in, row, 0, personIndex)), row[1]);
                }
            }
        }
    }

    private void readLocations(List<MemberDraft> drafts, LongIntMap personIndex, Map<Long, Place> places)
            throws IOException {
        for (Path f : files("person_islocatedin_place")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "person id, place id");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    MemberDraft d = drafts.get(person(in, row, 0, personIndex));
                    Place place = places.get(in.id(row, 1));
                    if (place == null) {
                        throw in.error("unknown place " + in.id(row, 1));
                    }
                    d.location = SourceText.clamp(place.name(), ProfileRules.LOCATION_MAX, network);
                }
            }
        }
    }

    private void readKnows(LongIntMap personIndex) throws IOException {
        EdgeBuffer edges = network.connections();
        for (Path f : files("person_knows_person")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "person id, person id, creation date");
                int created = in.column("creationDate");
                if (created < 0 && in.columns() >= 3) {
                    created = 2;
                }
                for (String[] row = in.next(); row != null; row = in.next()) {
                    int a = person(in, row, 0, personIndex);
                    int b = person(in, row, 1, personIndex);
                    edges.add(a, b, created < 0 ? EdgeBuffer.NO_TIME : in.date(row, created));
                }
            }
        }
    }

    private record Link(int member, String organisation, int year) {
    }

    private void readPositions(LongIntMap personIndex, Map<Long, String> organisations) throws IOException {
        List<Link> links = readOrganisationLinks("person_workat_organisation", "workFrom", personIndex, organisations);
        // Newest first, as a profile lists them; ties by name so the order is stable.
        links.sort(Comparator.comparingInt(Link::member).thenComparing(Link::year, Comparator.reverseOrder())
                .thenComparing(Link::organisation));
        int ordinal = 0;
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            ordinal = i > 0 && links.get(i - 1).member() == l.member() ? ordinal + 1 : 0;
            if (ordinal >= ProfileRules.POSITIONS_MAX) {
                network.skip("positionsOverLimit");
                continue;
            }
            network.positions().add(new StagedNetwork.Position(l.member(), ordinal,
                    SourceText.clamp(l.organisation(), ProfileRules.COMPANY_MAX, network), l.year(), null));
        }
    }

    private void readEducation(LongIntMap personIndex, Map<Long, String> organisations) throws IOException {
        List<Link> links = readOrganisationLinks("person_studyat_organisation", "classYear", personIndex,
                organisations);
        links.sort(Comparator.comparingInt(Link::member).thenComparing(Link::year, Comparator.reverseOrder())
                .thenComparing(Link::organisation));
        int ordinal = 0;
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            ordinal = i > 0 && links.get(i - 1).member() == l.member() ? ordinal + 1 : 0;
            if (ordinal >= ProfileRules.EDUCATION_MAX) {
                network.skip("educationOverLimit");
                continue;
            }
            network.education().add(new StagedNetwork.Education(l.member(), ordinal,
                    SourceText.clamp(l.organisation(), ProfileRules.SCHOOL_MAX, network), null, l.year()));
        }
    }

    private List<Link> readOrganisationLinks(String logical, String yearColumn, LongIntMap personIndex,
                                             Map<Long, String> organisations) throws IOException {
        List<Link> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path f : files(logical)) {
            try (PipeFile in = open(f)) {
                in.requireColumns(3, "person id, organisation id, " + yearColumn);
                int year = in.column(yearColumn);
                if (year < 0) {
                    year = 2;
                }
                for (String[] row = in.next(); row != null; row = in.next()) {
                    int member = person(in, row, 0, personIndex);
                    long orgId = in.id(row, 1);
                    String org = organisations.get(orgId);
                    if (org == null) {
                        throw in.error("unknown organisation " + orgId);
                    }
                    int y = in.integer(row, year);
                    if (y < MIN_YEAR || y > maxYear) {
                        throw in.error(yearColumn + " " + y + " is not between " + MIN_YEAR + " and " + maxYear);
                    }
                    if (!seen.add(member + ":" + orgId)) {
                        network.skip("duplicate" + (logical.contains("work") ? "Positions" : "Education"));
                        continue;
                    }
                    links.add(new Link(member, org, y));
                }
            }
        }
        return links;
    }

    private void readInterests(LongIntMap personIndex, Map<Long, String> tags) throws IOException {
        int[] count = new int[network.members().size()];
        Set<String> seen = new HashSet<>();
        for (Path f : files("person_hasinterest_tag")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "person id, tag id");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    int member = person(in, row, 0, personIndex);
                    long tagId = in.id(row, 1);
                    String tag = tags.get(tagId);
                    if (tag == null) {
                        throw in.error("unknown tag " + tagId);
                    }
                    String name = SourceText.clamp(tag, ProfileRules.TAG_MAX, network);
                    if (name.isEmpty() || !seen.add(member + "\u0000" + Text.key(name))) {
                        network.skip("duplicateInterests");
                        continue;
                    }
                    if (count[member] >= ProfileRules.INTERESTS_MAX) {
                        network.skip("interestsOverLimit");
                        continue;
                    }
                    network.interests().add(new StagedNetwork.Interest(member, count[member]++, name));
                }
            }
        }
    }

    private void readForums(LongIntMap personIndex) throws IOException {
        LongIntMap forumIndex = new LongIntMap(1 << 10);
        List<String[]> groupRows = new ArrayList<>();
        List<long[]> groupLines = new ArrayList<>();
        List<String> groupFiles = new ArrayList<>();
        for (Path f : files("forum")) {
            try (PipeFile in = open(f)) {
                int id = in.requireColumn("id");
                int title = in.requireColumn("title");
                int created = in.requireColumn("creationDate");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    long forumId = in.id(row, id);
                    boolean group = row[title].startsWith(GROUP_PREFIX);
                    if (!forumIndex.putIfAbsent(forumId, group ? groupRows.size() : NOT_A_GROUP)) {
                        throw in.error("forum " + forumId + " appears twice");
                    }
                    if (!group) {
                        network.skip("forumsNotGroups");
                        continue;
                    }
                    groupRows.add(new String[] {Long.toString(forumId), row[title]});
                    groupLines.add(new long[] {in.line(), in.date(row, created)});
                    groupFiles.add(in.name());
                }
            }
        }
        int[] owner = new int[groupRows.size()];
        Arrays.fill(owner, -1);
        Set<Long> memberships = new HashSet<>();
        for (Path f : files("forum_hasmoderator_person")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(2, "forum id, person id");
                for (String[] row = in.next(); row != null; row = in.next()) {
                    int group = forum(in, row, forumIndex);
                    int member = person(in, row, 1, personIndex);
                    if (group == NOT_A_GROUP) {
                        continue;
                    }
                    if (!memberships.add((long) group << 32 | member)) {
                        continue;
                    }
                    String role = owner[group] < 0 ? "OWNER" : "MANAGER";
                    if (owner[group] < 0) {
                        owner[group] = member;
                    }
                    network.memberships().add(new StagedNetwork.Membership(group, member, role, groupLines.get(group)[1]));
                }
            }
        }
        for (Path f : files("forum_hasmember_person")) {
            try (PipeFile in = open(f)) {
                in.requireColumns(3, "forum id, person id, join date");
                int joined = in.column("joinDate");
                if (joined < 0) {
                    joined = 2;
                }
                for (String[] row = in.next(); row != null; row = in.next()) {
                    int group = forum(in, row, forumIndex);
                    int member = person(in, row, 1, personIndex);
                    if (group == NOT_A_GROUP) {
                        network.skip("membershipsOfNonGroups");
                        continue;
                    }
                    long at = in.date(row, joined);
                    if (!memberships.add((long) group << 32 | member)) {
                        network.skip("duplicateMemberships");
                        continue;
                    }
                    network.memberships().add(new StagedNetwork.Membership(group, member, "MEMBER", at));
                }
            }
        }
        for (int g = 0; g < groupRows.size(); g++) {
            String name = SourceText.clamp(SourceText.prettify(groupRows.get(g)[1]), GROUP_NAME_MAX, network);
            network.groups().add(new StagedNetwork.Group(groupRows.get(g)[0], name, groupLines.get(g)[1], owner[g],
                    groupFiles.get(g), groupLines.get(g)[0]));
        }
    }

    private static int person(PipeFile in, String[] row, int column, LongIntMap personIndex) {
        long id = in.id(row, column);
        int member = personIndex.get(id);
        if (member < 0) {
            throw in.error("unknown person " + id);
        }
        return member;
    }

    private static int forum(PipeFile in, String[] row, LongIntMap forumIndex) {
        long id = in.id(row, 0);
        int group = forumIndex.get(id);
        if (group == -1) {
            throw in.error("unknown forum " + id);
        }
        return group;
    }

    private PipeFile open(Path file) throws IOException {
        return new PipeFile(file, root.relativize(file).toString(), progress);
    }

    /** The files of a logical LDBC file, in name order: {@code <name>(_<n>)*.csv[.gz]}, any case. */
    List<Path> files(String logical) throws IOException {
        Pattern pattern = Pattern.compile(Pattern.quote(logical) + "(_\\d+)*\\.csv(\\.gz)?");
        List<Path> found = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(Files::isRegularFile)
                        .filter(p -> pattern.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT)).matches())
                        .sorted()
                        .forEach(found::add);
            }
        }
        return found;
    }
}
