package org.rapport.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCard;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People search (D1, D2) on both databases: relevance on a fixed corpus, typo tolerance, degree
 * filters against a breadth-first oracle, facets, blocks and limited profiles, the index following
 * edits and deletions, and a rebuild giving the same answers. Each test's members share an industry
 * made for that test, so tests sharing the database never see each other's members.
 */
abstract class PeopleSearchServiceContract extends IntegrationContract {

    @Autowired
    PeopleSearchService search;
    @Autowired
    PeopleIndex peopleIndex;
    @Autowired
    ProfileService profiles;
    @Autowired
    BlockService blocks;
    @Autowired
    AccountService accounts;

    private static final PageRequest ALL = PageRequest.first(100);

    /** A word of letters only (one token), unique to a test. */
    private static String tag() {
        StringBuilder sb = new StringBuilder("q");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 9; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private Member person(String first, String last, String industry) {
        Member m = members.create(first, last);
        profile(m, new ProfileChanges(null, null, null, null, industry, null, null, null, null, null, null));
        return m;
    }

    private void profile(Member m, ProfileChanges changes) {
        profiles.update(m.id(), changes);
    }

    private static ProfileChanges headline(String headline) {
        return new ProfileChanges(null, null, headline, null, null, null, null, null, null, null, null);
    }

    private static ProfileChanges skills(String... skills) {
        return new ProfileChanges(null, null, null, null, null, null, null, null, List.of(skills), null, null);
    }

    private static ProfileChanges positions(Position... positions) {
        return new ProfileChanges(null, null, null, null, null, null, List.of(positions), null, null, null, null);
    }

    private static ProfileChanges location(String location) {
        return new ProfileChanges(null, null, null, location, null, null, null, null, null, null, null);
    }

    private static PeopleQuery words(String q, String industry) {
        return new PeopleQuery(q, Set.of(), null, null, null, null, industry);
    }

    private List<Long> ids(long viewer, PeopleQuery q) {
        return search.search(viewer, q, ALL).page().items().stream().map(c -> c.member().id()).toList();
    }

    private void limitToNetwork(Member m) {
        privacy.update(m.id(), new PrivacyChanges(null, null, null, null, null, "NETWORK", null));
    }

    @Test
    void aNameMatchOutranksHeadlineSkillAndPositionMatches() {
        String industry = tag();
        Member viewer = members.create("Viewer");
        Member ana = person("Rosalind", "Franklin", industry);
        Member ben = person("Ben", "Okoro", industry);
        profile(ben, headline("Rosalind fan club"));
        Member cy = person("Cy", "Moss", industry);
        profile(cy, skills("Rosalind"));
        Member dee = person("Dee", "Ward", industry);
        profile(dee, positions(new Position("Rosalind Labs", "Engineer", 2019, null)));
        person("Eve", "Other", industry);

        List<Long> found = ids(viewer.id(), words("rosalind", industry));

        assertThat(found).containsExactlyInAnyOrder(ana.id(), ben.id(), cy.id(), dee.id());
        assertThat(found.get(0)).isEqualTo(ana.id());
        assertThat(found.get(3)).isEqualTo(dee.id());
        // every word must match somewhere
        assertThat(ids(viewer.id(), words("rosalind franklin", industry))).containsExactly(ana.id());
        // accents and case do not matter
        assertThat(ids(viewer.id(), words("ROSÁLIND FRÄNKLIN", industry))).containsExactly(ana.id());
    }

    @Test
    void namesAreFoundDespiteTyposAndByTheirBeginning() {
        String industry = tag();
        Member viewer = members.create("Viewer");
        Member ana = person("Rosalind", "Franklin", industry);
        Member ben = person("Ben", "Okoro", industry);

        assertThat(ids(viewer.id(), words("Rosalnd", industry))).containsExactly(ana.id()); // one letter missing
        assertThat(ids(viewer.id(), words("Frenklinn", industry))).containsExactly(ana.id()); // two edits, 9 letters
        assertThat(ids(viewer.id(), words("Okora", industry))).containsExactly(ben.id()); // one edit, 5 letters
        assertThat(ids(viewer.id(), words("Fra", industry))).containsExactly(ana.id()); // a prefix
        assertThat(ids(viewer.id(), words("Xyzzy", industry))).isEmpty();
        // an exact name beats a near one
        Member rosalie = person("Rosalie", "Frank", industry);
        assertThat(ids(viewer.id(), words("rosalie", industry)).get(0)).isEqualTo(rosalie.id());
    }

    @Test
    void degreeFiltersFollowTheGraphAndCardsCarryBadgeAndMutualCount() {
        String industry = tag();
        Member me = person("Mia", "Centre", industry);
        Member first = person("Fay", "First", industry);
        Member other = person("Ola", "First", industry);
        Member second = person("Sam", "Second", industry);
        Member third = person("Tom", "Third", industry);
        Member out = person("Oz", "Outside", industry);
        connect(me, first);
        connect(me, other);
        connect(first, second);
        connect(other, second);
        connect(second, third);

        PeopleQuery any = words(null, industry);
        var results = search.search(me.id(), any, ALL);
        Map<Long, MemberCard> cards = new HashMap<>();
        results.page().items().forEach(c -> cards.put(c.member().id(), c));
        assertThat(cards.keySet()).containsExactlyInAnyOrder(first.id(), other.id(), second.id(), third.id(), out.id());
        assertThat(cards.get(second.id()).degree()).isEqualTo(Degree.SECOND);
        assertThat(cards.get(second.id()).mutualConnectionCount()).isEqualTo(2);
        assertThat(cards.get(out.id()).degree()).isEqualTo(Degree.OUT_OF_NETWORK);
        // closer first when the words match alike
        assertThat(results.page().items().get(2).member().id()).isEqualTo(second.id());

        assertThat(ids(me.id(), degree(industry, Degree.FIRST))).containsExactlyInAnyOrder(first.id(), other.id());
        assertThat(ids(me.id(), degree(industry, Degree.SECOND))).containsExactly(second.id());
        assertThat(ids(me.id(), degree(industry, Degree.THIRD))).containsExactlyInAnyOrder(third.id(), out.id());
        assertThat(ids(me.id(), degree(industry, Degree.FIRST, Degree.SECOND)))
                .containsExactlyInAnyOrder(first.id(), other.id(), second.id());
        assertThat(results.facets().get("degree")).containsExactly(new PeopleSearchService.FacetValue("1", 2),
                new PeopleSearchService.FacetValue("2", 1), new PeopleSearchService.FacetValue("3", 2));
    }

    private static PeopleQuery degree(String industry, Degree... degrees) {
        return new PeopleQuery(null, Set.of(degrees), null, null, null, null, industry);
    }

    @Test
    void aConnectionOutranksAStrangerOfTheSameName() {
        String industry = tag();
        Member me = members.create("Me");
        Member stranger = person("Kit", "Carver", industry);
        Member friend = person("Kit", "Carver", industry);
        connect(me, friend);
        assertThat(ids(me.id(), words("kit carver", industry))).containsExactly(friend.id(), stranger.id());
    }

    @Test
    void facetsCountTheMatchingSetAndFiltersNarrowIt() {
        String industry = tag();
        Member viewer = members.create("Viewer");
        Member a = person("Ann", "Facet", industry);
        profile(a, location("Lisbon"));
        profile(a, positions(new Position("Acme", "Dev", 2020, null), new Position("Initech", "Dev", 2010, 2015),
                new Position("Acme", "Intern", 2008, 2009)));
        Member b = person("Bob", "Facet", industry);
        profile(b, location("lisbon"));
        profile(b, positions(new Position("Globex", "Dev", 2018, null)));
        Member c = person("Cat", "Facet", industry);
        profile(c, location("Porto"));
        profile(c, new ProfileChanges(null, null, null, null, null, null, List.of(new Position("ACME", "Ops", 2021, null)),
                List.of(new Education("Uni Lisboa", "BSc", 2005, 2009)), null, null, null));

        var results = search.search(viewer.id(), words("facet", industry), ALL);
        var facets = results.facets();
        assertThat(results.page().total()).isEqualTo(3);
        assertThat(facets.get("location")).extracting(PeopleSearchService.FacetValue::count).containsExactly(2L, 1L);
        assertThat(facets.get("location").get(1).value()).isEqualTo("Porto");
        assertThat(facets.get("currentCompany")).containsExactly(new PeopleSearchService.FacetValue("Acme", 2),
                new PeopleSearchService.FacetValue("Globex", 1));
        assertThat(facets.get("pastCompany")).containsExactlyInAnyOrder(new PeopleSearchService.FacetValue("Initech", 1),
                new PeopleSearchService.FacetValue("Acme", 1));
        assertThat(facets.get("school")).containsExactly(new PeopleSearchService.FacetValue("Uni Lisboa", 1));
        assertThat(facets.get("industry")).containsExactly(new PeopleSearchService.FacetValue(industry, 3));

        assertThat(ids(viewer.id(), new PeopleQuery("facet", Set.of(), "LISBON", null, null, null, industry)))
                .containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, "acme", null, null, industry)))
                .containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, null, "Initech", null, industry)))
                .containsExactly(a.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, null, null, "uni lisboa", industry)))
                .containsExactly(c.id());
        // pages
        var first = search.search(viewer.id(), words("facet", industry), PageRequest.first(2));
        assertThat(first.page().items()).hasSize(2);
        var second = search.search(viewer.id(), words("facet", industry), new PageRequest(2, first.page().nextCursor()));
        assertThat(second.page().items()).hasSize(1);
        assertThat(second.page().nextCursor()).isNull();
    }

    /** Issue 18: "London" + "Northwind" found nobody; filters now match the beginning of any word. */
    @Test
    void filtersMatchTheBeginningOfAnyWordOfTheValue() {
        String industry = tag();
        Member viewer = members.create("Viewer");
        Member ada = person("Ada", "Prefix", industry);
        profile(ada, new ProfileChanges(null, null, null, "London, United Kingdom", null, null,
                List.of(new Position("Northwind Software", "Engineer", 2020, null)),
                List.of(new Education("University of Leeds", "BSc", 2010, 2013)), null, null, null));
        Member bea = person("Bea", "Prefix", industry);
        profile(bea, new ProfileChanges(null, null, null, "New London", null, null,
                List.of(new Position("Southwind", "Engineer", 2020, null)), null, null, null, null));

        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), "London", "Northwind", null, null, industry)))
                .containsExactly(ada.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), "london", null, null, null, industry)))
                .containsExactlyInAnyOrder(ada.id(), bea.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), "United Kingdom", null, null, null, industry)))
                .containsExactly(ada.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, "software", null, null, industry)))
                .containsExactly(ada.id());
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, null, null, "Leeds", industry)))
                .containsExactly(ada.id());
        // the beginning of a word, not any part of it
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), null, "wind", null, null, industry))).isEmpty();
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), "ondon", null, null, null, industry))).isEmpty();
        // the exact value still works, as the facet links send it
        assertThat(ids(viewer.id(), new PeopleQuery(null, Set.of(), "London, United Kingdom", null, null, null, industry)))
                .containsExactly(ada.id());
    }

    @Test
    void blockedMembersNeverAppearEitherWay() {
        String industry = tag();
        Member me = person("Me", "Blocks", industry);
        Member blockedByMe = person("Bea", "Blocks", industry);
        Member blockingMe = person("Bo", "Blocks", industry);
        Member fine = person("Fin", "Blocks", industry);
        blocks.block(me.id(), blockedByMe.id());
        blocks.block(blockingMe.id(), me.id());
        assertThat(ids(me.id(), words("blocks", industry))).containsExactly(fine.id());
        assertThat(ids(blockingMe.id(), words("blocks", industry))).doesNotContain(me.id());
        assertThat(search.search(me.id(), words("blocks", industry), ALL).page().total()).isEqualTo(1);
    }

    @Test
    void aProfileKeptToTheNetworkIsFoundOutsideItOnlyByWhatItShows() {
        String industry = tag();
        String skill = tag();
        Member stranger = members.create("Stranger");
        Member second = members.create("Second");
        Member bridge = members.create("Bridge");
        Member kept = person("Lena", "Private", industry);
        profile(kept, new ProfileChanges(null, null, "Quiet person", null, null, null,
                List.of(new Position("Hidden Corp", "Boss", 2019, null)), List.of(new Education("Secret School", "MA", 2000, 2004)),
                List.of(skill), null, null));
        limitToNetwork(kept);
        connect(second, bridge);
        connect(bridge, kept);

        assertThat(ids(stranger.id(), words(skill, null))).isEmpty();
        assertThat(ids(stranger.id(), words("hidden", industry))).isEmpty();
        assertThat(ids(stranger.id(), new PeopleQuery(null, Set.of(), null, "Hidden Corp", null, null, industry))).isEmpty();
        assertThat(ids(stranger.id(), new PeopleQuery(null, Set.of(), null, null, null, "Secret School", industry))).isEmpty();
        var byName = search.search(stranger.id(), words("lena private", industry), ALL);
        assertThat(byName.page().items()).extracting(c -> c.member().id()).containsExactly(kept.id());
        assertThat(byName.facets().get("currentCompany")).isEmpty();
        assertThat(byName.facets().get("school")).isEmpty();
        assertThat(ids(stranger.id(), words("quiet", industry))).containsExactly(kept.id());

        // within the network everything is searchable
        assertThat(ids(second.id(), words(skill, null))).containsExactly(kept.id());
        assertThat(ids(second.id(), new PeopleQuery(null, Set.of(), null, "hidden corp", null, null, industry)))
                .containsExactly(kept.id());
        assertThat(search.search(second.id(), words("lena", industry), ALL).facets().get("currentCompany"))
                .containsExactly(new PeopleSearchService.FacetValue("Hidden Corp", 1));

        // opening the profile again makes it findable
        privacy.update(kept.id(), new PrivacyChanges(null, null, null, null, null, "EVERYONE", null));
        assertThat(ids(stranger.id(), words(skill, null))).containsExactly(kept.id());
    }

    @Test
    void theIndexFollowsProfileEditsAndAccountDeletion() {
        String industry = tag();
        Member viewer = members.create("Viewer");
        Member m = person("Gil", "Changer", industry);
        profile(m, headline("Astronomer"));
        assertThat(ids(viewer.id(), words("astronomer", industry))).containsExactly(m.id());

        profile(m, headline("Botanist"));
        assertThat(ids(viewer.id(), words("astronomer", industry))).isEmpty();
        assertThat(ids(viewer.id(), words("botanist", industry))).containsExactly(m.id());

        profile(m, new ProfileChanges("Gilda", null, null, null, null, null, null, null, null, null, null));
        assertThat(ids(viewer.id(), words("gilda", industry))).containsExactly(m.id());

        accounts.delete(m.id());
        assertThat(ids(viewer.id(), words("botanist", industry))).isEmpty();
        assertThat(peopleIndex.isFresh()).isTrue();
    }

    @Test
    void aRebuildFromTheDatabaseGivesTheSameAnswers() {
        String industry = tag();
        Member me = person("Reb", "Builder", industry);
        List<Member> people = new ArrayList<>();
        String[] cities = {"Oslo", "Bergen", "Oslo", "Turku"};
        for (int i = 0; i < 8; i++) {
            Member p = person("Rebuilt" + (char) ('a' + i), "Person", industry);
            profile(p, new ProfileChanges(null, null, "Engineer " + i, cities[i % cities.length], null, null,
                    List.of(new Position("Company" + (i % 3), "Engineer", 2010 + i, null)), null,
                    List.of("Rust"), null, null));
            people.add(p);
        }
        connect(me, people.get(0));
        connect(people.get(0), people.get(1));
        limitToNetwork(people.get(5));

        PeopleQuery q = words("engineer rust", industry);
        var before = search.search(me.id(), q, ALL);
        assertThat(peopleIndex.isFresh()).isTrue();
        peopleIndex.rebuild();
        var after = search.search(me.id(), q, ALL);

        assertThat(after.page().items()).isEqualTo(before.page().items());
        assertThat(after.facets()).isEqualTo(before.facets());
        assertThat(before.page().total()).isEqualTo(7); // the limited one is out of my network
    }

    @Test
    void aStaleIndexIsNoticed() {
        Member m = members.create("Sneaky");
        // a write that bypasses the services, as an import does
        jdbc.sql("UPDATE members SET updated_at = updated_at + 1000000 WHERE id = :id").param("id", m.id()).update();
        assertThat(peopleIndex.isFresh()).isFalse();
        assertThat(peopleIndex.rebuildIfStale()).isTrue();
        assertThat(peopleIndex.isFresh()).isTrue();
    }

    @Autowired
    SearchRepository searchRepository;
    @Autowired
    org.rapport.server.system.RapportProperties properties;

    @Test
    void aMissingOrUnreadableIndexIsBuiltFromTheDatabaseAtStartUp() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "search-index-");
        RapportProperties p = properties;
        RapportProperties elsewhere = new RapportProperties(p.dataDir(), p.connections(), p.invitations(), p.login(),
                p.demo(), p.suggestions(), p.feed(), p.mail(), p.contacts(),
                new RapportProperties.Search(dir, true, java.time.Duration.ofSeconds(2)));
        PeopleIndex missing = new PeopleIndex(searchRepository, elsewhere);
        missing.afterSingletonsInstantiated();
        assertThat(missing.isFresh()).isTrue();
        missing.destroy();

        PeopleIndex reopened = new PeopleIndex(searchRepository, elsewhere);
        reopened.open();
        assertThat(reopened.isFresh()).as("a clean shutdown commits").isTrue();
        reopened.destroy();

        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                java.nio.file.Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        PeopleIndex broken = new PeopleIndex(searchRepository, elsewhere);
        broken.afterSingletonsInstantiated();
        assertThat(broken.isFresh()).isTrue();
        broken.destroy();
    }

    @Test
    void aServingNodeBuildsAStaleIndexInTheBackgroundAndIsReadyWhenDone() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "search-index-");
        RapportProperties p = properties;
        RapportProperties elsewhere = new RapportProperties(p.dataDir(), p.connections(), p.invitations(), p.login(),
                p.demo(), p.suggestions(), p.feed(), p.mail(), p.contacts(),
                new RapportProperties.Search(dir, true, java.time.Duration.ofSeconds(2)));
        members.create("Background", "Built");
        PeopleIndex fresh = new PeopleIndex(searchRepository, elsewhere, true, true);
        long started = System.nanoTime();
        fresh.afterSingletonsInstantiated();
        long deadline = started + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (fresh.building()) {
            assertThat(System.nanoTime()).as("the background build ends").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(fresh.isFresh()).isTrue();
        fresh.destroy();
    }

    @Test
    void aQueryNeedsWordsOrAFilterAndDegreesAreOneTwoOrThree() {
        assertThatThrownBy(() -> PeopleQuery.of("  ", null, null, "", null, null, null))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(ValidationException.FieldError::field)
                        .containsExactly("q"));
        assertThatThrownBy(() -> PeopleQuery.of("ana", List.of("4"), null, null, null, null, null))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(ValidationException.FieldError::field)
                        .containsExactly("degree"));
        // A degree alone would match everyone in it (issue 15): refused like an empty query.
        assertThatThrownBy(() -> PeopleQuery.of(null, List.of("1,2"), null, null, null, null, null))
                .isInstanceOf(ValidationException.class);
        assertThat(PeopleQuery.of("ana", List.of("1,2"), null, null, null, null, null).degrees())
                .containsExactlyInAnyOrder(Degree.FIRST, Degree.SECOND);
    }

    @Test
    void colleaguesWithOverlappingYearsComeFirstAndLimitedStrangersAreLeftOut() {
        String company = "Colleague Works " + tag();
        Member me = members.create("Me");
        profile(me, positions(new Position(company, "Dev", 2015, 2020), new Position("Elsewhere " + tag(), "Dev", 2021, null)));
        Member overlap = members.create("Overlap");
        profile(overlap, positions(new Position(company, "Ops", 2016, 2018)));
        Member longOverlap = members.create("LongOverlap");
        profile(longOverlap, positions(new Position(company.toUpperCase(), "Ops", 2014, 2022)));
        Member earlier = members.create("Earlier");
        profile(earlier, positions(new Position(company, "Ops", 2001, 2005)));
        Member kept = members.create("Kept");
        profile(kept, positions(new Position(company, "Ops", 2016, 2018)));
        limitToNetwork(kept);
        Member blocked = members.create("Blocked");
        profile(blocked, positions(new Position(company, "Ops", 2016, 2018)));
        blocks.block(blocked.id(), me.id());

        var page = search.colleagues(me.id(), ALL);
        assertThat(page.items()).extracting(p -> p.card().member().id())
                .containsExactly(longOverlap.id(), overlap.id(), earlier.id());
        assertThat(page.items()).extracting(PeopleSearchService.SharedPlace::overlapping).containsExactly(true, true, false);
        assertThat(page.items().get(1).from()).isEqualTo(2016);
    }

    @Test
    void classmatesNearestInYearsComeFirst() {
        String school = "Classmate College " + tag();
        Member me = members.create("Me");
        profile(me, new ProfileChanges(null, null, null, null, null, null, null,
                List.of(new Education(school, "BSc", 2008, 2012)), null, null, null));
        Member near = members.create("Near");
        Member far = members.create("Far");
        Member same = members.create("Same");
        profile(near, new ProfileChanges(null, null, null, null, null, null, null,
                List.of(new Education(school, "BSc", 2013, 2016)), null, null, null));
        profile(far, new ProfileChanges(null, null, null, null, null, null, null,
                List.of(new Education(school, "PhD", 1990, 1994)), null, null, null));
        profile(same, new ProfileChanges(null, null, null, null, null, null, null,
                List.of(new Education(school, "BSc", 2009, 2013)), null, null, null));
        assertThat(search.classmates(me.id(), ALL).items()).extracting(p -> p.card().member().id())
                .containsExactly(same.id(), near.id(), far.id());
        assertThat(search.classmates(me.id(), PageRequest.first(2)).nextCursor()).isNotNull();
    }

    /** Degree filters against a breadth-first search over the same random graph. */
    @Test
    void degreeFiltersAgreeWithABreadthFirstOracleOnRandomGraphs() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            String industry = tag();
            int n = 18;
            List<Member> people = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                people.add(person("Rnd" + i, "Oracle", industry));
            }
            Map<Integer, Set<Integer>> adjacency = new HashMap<>();
            List<String> edges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                adjacency.put(i, new HashSet<>());
            }
            for (int e = 0; e < 22; e++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a != b && adjacency.get(a).add(b)) {
                    adjacency.get(b).add(a);
                    connect(people.get(a), people.get(b));
                    edges.add(a + "-" + b);
                }
            }
            for (int viewer = 0; viewer < n; viewer += 5) {
                int[] distance = bfs(adjacency, viewer, n);
                for (Degree d : List.of(Degree.FIRST, Degree.SECOND, Degree.THIRD)) {
                    Set<Long> expected = new HashSet<>();
                    for (int i = 0; i < n; i++) {
                        int dist = distance[i];
                        boolean in = d == Degree.THIRD ? dist >= 3 : dist == d.ordinal();
                        if (i != viewer && in) {
                            expected.add(people.get(i).id());
                        }
                    }
                    assertThat(new HashSet<>(ids(people.get(viewer).id(), degree(industry, d))))
                            .as("seed %d, viewer %d, degree %s, edges %s", seed, viewer, d, edges)
                            .isEqualTo(expected);
                }
            }
        }
    }

    private static int[] bfs(Map<Integer, Set<Integer>> adjacency, int from, int n) {
        int[] distance = new int[n];
        java.util.Arrays.fill(distance, Integer.MAX_VALUE);
        distance[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int w : adjacency.get(v)) {
                if (distance[w] == Integer.MAX_VALUE) {
                    distance[w] = distance[v] + 1;
                    queue.add(w);
                }
            }
        }
        return distance;
    }
}
