package org.rapport.server.search;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.rapport.graph.ConnectionGraph;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.Degree;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.network.MemberCard;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.springframework.stereotype.Service;

/**
 * People search (D1) and the ready-made colleague and classmate searches (D2).
 *
 * <p><b>Ranking.</b> {@code score = relevance / best relevance + proximity + 0.1 · min(mutual, 10) / 10},
 * with proximity 0.3 for a 1st-degree connection, 0.2 for 2nd, 0.1 for 3rd and 0 out of the
 * network; ties go to the lower member id. Relevance sums, over the query words, the weight of
 * the best field the word matches plus a tenth of the others it matches: name 6, name with typos
 * 3 (edit distance 1 for words of 3–5 letters, 2 from 6), name prefix 2, headline 2, skills 2,
 * positions 1.5, schools 1.5, location and industry 1. Every word must match somewhere. The
 * weights are constants, not BM25 statistics, so a ranking does not move with what else the index
 * holds (BM25's per-field document frequencies made a position outrank a skill on one corpus and
 * not on another). So text decides between clearly different matches, and closeness between
 * comparable ones: a 1st-degree "Ana Lima" outranks an out-of-network one, but not someone whose
 * name is "Ana Lima" when I typed a skill.
 *
 * <p><b>Who is never found.</b> The viewer, anyone hidden by a block either way, and, for members
 * who keep their profile to their network, anything but their name, headline, location and
 * industry by anyone out of it (more than three hops away): such a member is found only by words
 * in those fields, never through a company or school filter, and their companies and schools are
 * left out of the facet counts.
 *
 * <p><b>Facets</b> count the whole matching set (top 10 values each); the degree facet ignores the
 * degree filter, so the other degrees stay one click away.
 *
 * <p><b>Cost.</b> One Lucene query collecting every match, then per match a degree looked up in
 * the viewer's 1st and 2nd level, computed once ({@link Proximity}), and, for 1st and 2nd degree,
 * a mutual count. A 1st- or 2nd-degree filter is pushed into Lucene as a set of id terms, so it
 * costs in proportion to the viewer's network, not the index (see BENCHMARKS.md: a point set query
 * over the same ids cost five times as much at 1M members).
 */
@Service
public class PeopleSearchService {

    /** A value of a facet and how many matching members have it. */
    public record FacetValue(String value, long count) {
    }

    /** A page of results and the facets of the whole matching set. */
    public record Results(Page<MemberCard> page, Map<String, List<FacetValue>> facets) {
    }

    /** A colleague or classmate: who, the place we share, their years there, and whether they overlap mine. */
    public record SharedPlace(MemberCard card, String place, Integer from, Integer to, boolean overlapping) {
    }

    static final double FIRST_BOOST = 0.3;
    static final double SECOND_BOOST = 0.2;
    static final double THIRD_BOOST = 0.1;
    static final double MUTUAL_WEIGHT = 0.1;
    private static final int FACET_SIZE = 10;
    private static final int MAX_TERMS = 12;
    /** Past this many ids a degree filter is applied to the matches instead of inside Lucene. */
    static final int PREFILTER_MAX = 50_000;

    private final PeopleIndex index;
    private final GraphIndex graphIndex;
    private final BlockService blocks;
    private final MemberRepository members;
    private final SearchRepository repository;
    private final Clock clock;
    private final org.rapport.server.network.NetworkService network;

    PeopleSearchService(PeopleIndex index, GraphIndex graphIndex, BlockService blocks, MemberRepository members,
                        SearchRepository repository, Clock clock, org.rapport.server.network.NetworkService network) {
        this.network = network;
        this.index = index;
        this.graphIndex = graphIndex;
        this.blocks = blocks;
        this.members = members;
        this.repository = repository;
        this.clock = clock;
    }

    /** One page of the members matching {@code query} as {@code viewer} may find them, with facets. */
    public Results search(long viewer, PeopleQuery query, PageRequest page) {
        query.requireSomethingToFind(); // never "everyone", whoever builds the query
        int offset = offset(page.cursor(), "people");
        ConnectionGraph graph = graphIndex.graph();
        int me = GraphIndex.vertex(viewer);
        Proximity proximity = new Proximity(graph, me);
        Query prefilter = prefilter(proximity, query);
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        return index.withSearcher(searcher -> {
            PeopleIndex.Hits all = PeopleIndex.collect(searcher, build(query, true, prefilter));
            Map<Long, Float> publicScores = needsPublicScores(all) ? publicScores(searcher, query, prefilter) : Map.of();

            List<Match> kept = new ArrayList<>();
            long[] degreeCounts = new long[4];
            for (int i = 0; i < all.size; i++) {
                long id = all.members[i];
                if (id == viewer || id < 0 || hidden.contains(id)) {
                    continue;
                }
                Degree degree = proximity.degree(GraphIndex.vertex(id));
                float score = all.scores[i];
                boolean limitedOut = all.limited[i] && degree == Degree.OUT_OF_NETWORK;
                if (limitedOut) {
                    Float shown = publicScores.get(id);
                    if (shown == null) {
                        continue;
                    }
                    score = shown;
                }
                degreeCounts[degree == Degree.OUT_OF_NETWORK ? 3 : degree.ordinal()]++;
                if (!query.admits(degree)) {
                    continue;
                }
                kept.add(new Match(all.docs[i], id, degree, score, limitedOut));
            }
            Map<String, List<FacetValue>> facets = facets(searcher, kept, degreeCounts);

            float best = 0;
            for (Match m : kept) {
                best = Math.max(best, m.textScore);
            }
            // Mutual counts as the viewer may know them (a connection who hides their list is
            // counted only where the other member's list is visible), for the ranking and the cards.
            java.util.function.LongToIntFunction mutualCount = network.mutualCounter(viewer);
            for (Match m : kept) {
                if (m.degree == Degree.FIRST || m.degree == Degree.SECOND) {
                    m.mutual = mutualCount.applyAsInt(m.id);
                }
                m.score = score(best == 0 ? 0 : m.textScore / best, m.degree, m.mutual);
            }
            kept.sort(Comparator.comparingDouble((Match m) -> -m.score).thenComparingLong(m -> m.id));
            List<Match> slice = kept.subList(Math.min(offset, kept.size()), Math.min(offset + page.limit(), kept.size()));
            String next = offset + page.limit() < kept.size() ? Cursor.encode("people", offset + page.limit()) : null;
            return new Results(new Page<>(cards(slice), next, (long) kept.size()), facets);
        });
    }

    /** The blended score; see the class comment. */
    static double score(double relevance, Degree degree, int mutual) {
        double proximity = switch (degree) {
            case FIRST -> FIRST_BOOST;
            case SECOND -> SECOND_BOOST;
            case THIRD -> THIRD_BOOST;
            default -> 0;
        };
        return relevance + proximity + MUTUAL_WEIGHT * Math.min(mutual, 10) / 10.0;
    }

    private static final class Match {
        final int doc;
        final long id;
        final Degree degree;
        final float textScore;
        final boolean limitedOut;
        int mutual;
        double score;

        Match(int doc, long id, Degree degree, float textScore, boolean limitedOut) {
            this.doc = doc;
            this.id = id;
            this.degree = degree;
            this.textScore = textScore;
            this.limitedOut = limitedOut;
        }
    }

    private List<MemberCard> cards(List<Match> slice) {
        List<Long> ids = slice.stream().map(m -> m.id).toList();
        Map<Long, MemberSummary> summaries = members.findSummaries(ids);
        List<MemberCard> cards = new ArrayList<>(slice.size());
        for (Match m : slice) {
            MemberSummary s = summaries.get(m.id);
            if (s != null) { // deleted since the search began
                cards.add(new MemberCard(s, m.degree, m.mutual));
            }
        }
        return cards;
    }

    // ---------------------------------------------------------------- queries

    /**
     * A 1st- or 2nd-degree filter as a set of member ids Lucene can apply (terms of the id field:
     * a few thousand term lookups, where a point set query over a million ids visits nearly every
     * block of the tree); null when it cannot help: no such filter, or a network so large (a hub's
     * 2nd degree) that filtering the matches afterwards is cheaper.
     */
    private static Query prefilter(Proximity proximity, PeopleQuery query) {
        Set<Degree> d = query.degrees();
        if (d.isEmpty() || d.contains(Degree.THIRD)) {
            return null;
        }
        int size = (d.contains(Degree.FIRST) ? proximity.first().length : 0)
                + (d.contains(Degree.SECOND) ? proximity.secondCount() : 0);
        if (size == 0) {
            return new MatchNoDocsQuery();
        }
        if (size > PREFILTER_MAX) {
            return null;
        }
        List<BytesRef> ids = new ArrayList<>(size);
        if (d.contains(Degree.FIRST)) {
            for (int c : proximity.first()) {
                ids.add(new BytesRef(Long.toString(c)));
            }
        }
        if (d.contains(Degree.SECOND)) {
            for (int c : proximity.second()) {
                ids.add(new BytesRef(Long.toString(c)));
            }
        }
        return new TermInSetQuery(PeopleIndex.ID, ids);
    }

    /**
     * The Lucene query: every word must match one of the fields (the private ones only when
     * {@code withPrivate}), and every filter must hold. Without private fields a company or
     * school filter matches nothing.
     */
    static Query build(PeopleQuery query, boolean withPrivate, Query prefilter) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (query.q() != null) {
            List<String> terms = PeopleIndex.tokens(PeopleIndex.NAME, query.q());
            for (String term : terms.subList(0, Math.min(terms.size(), MAX_TERMS))) {
                b.add(word(term, withPrivate), Occur.MUST);
                any = true;
            }
        }
        if (!any) {
            b.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        filter(b, PeopleIndex.KEY_LOCATION, query.location());
        filter(b, PeopleIndex.KEY_INDUSTRY, query.industry());
        if (query.filtersPrivateFields() && !withPrivate) {
            return new MatchNoDocsQuery("filters on fields kept to the network");
        }
        filter(b, PeopleIndex.KEY_CURRENT, query.currentCompany());
        filter(b, PeopleIndex.KEY_PAST, query.pastCompany());
        filter(b, PeopleIndex.KEY_SCHOOL, query.school());
        if (prefilter != null) {
            b.add(prefilter, Occur.FILTER);
        }
        return b.build();
    }

    private static Query word(String term, boolean withPrivate) {
        List<Query> alternatives = new ArrayList<>();
        alternatives.add(boost(new TermQuery(new Term(PeopleIndex.NAME, term)), 6));
        int edits = term.length() >= 6 ? 2 : term.length() >= 3 ? 1 : 0;
        if (edits > 0) {
            alternatives.add(boost(new FuzzyQuery(new Term(PeopleIndex.NAME, term), edits, 0, 50, true), 3));
        }
        if (term.length() >= 2) {
            alternatives.add(boost(new PrefixQuery(new Term(PeopleIndex.NAME, term)), 2));
        }
        alternatives.add(boost(new TermQuery(new Term(PeopleIndex.HEADLINE, term)), 2));
        alternatives.add(boost(new TermQuery(new Term(PeopleIndex.PLACE, term)), 1));
        if (withPrivate) {
            alternatives.add(boost(new TermQuery(new Term(PeopleIndex.SKILLS, term)), 2));
            alternatives.add(boost(new TermQuery(new Term(PeopleIndex.POSITIONS, term)), 1.5f));
            alternatives.add(boost(new TermQuery(new Term(PeopleIndex.SCHOOLS, term)), 1.5f));
        }
        return new DisjunctionMaxQuery(alternatives, 0.1f);
    }

    /** A field match worth exactly {@code by}: constant, so ranks do not move with what else the index holds. */
    private static Query boost(Query q, float by) {
        return new BoostQuery(new ConstantScoreQuery(q), by);
    }

    /**
     * A filter matches a value by the beginning of any of its words (see PeopleIndex.wordStarts):
     * "London" holds for "London, United Kingdom", "Northwind" for "Northwind Software".
     */
    private static void filter(BooleanQuery.Builder b, String field, String value) {
        String key = value == null ? "" : Text.key(value);
        if (!key.isEmpty()) {
            b.add(new PrefixQuery(new Term(field, key)), Occur.FILTER);
        }
    }

    private static boolean needsPublicScores(PeopleIndex.Hits hits) {
        for (int i = 0; i < hits.size; i++) {
            if (hits.limited[i]) {
                return true;
            }
        }
        return false;
    }

    /** Scores of limited members by their public fields alone (absent: not found that way). */
    private static Map<Long, Float> publicScores(IndexSearcher searcher, PeopleQuery query, Query prefilter) {
        Query shown = build(query, false, prefilter);
        if (shown instanceof MatchNoDocsQuery) {
            return Map.of();
        }
        Query limitedOnly = new BooleanQuery.Builder()
                .add(shown, Occur.MUST)
                .add(NumericDocValuesField.newSlowExactQuery(PeopleIndex.LIMITED, 1), Occur.FILTER)
                .build();
        PeopleIndex.Hits hits = PeopleIndex.collect(searcher, limitedOnly);
        Map<Long, Float> scores = new HashMap<>();
        for (int i = 0; i < hits.size; i++) {
            scores.put(hits.members[i], hits.scores[i]);
        }
        return scores;
    }

    // ---------------------------------------------------------------- facets

    private static Map<String, List<FacetValue>> facets(IndexSearcher searcher, List<Match> kept, long[] degreeCounts) {
        List<Match> byDoc = new ArrayList<>(kept);
        byDoc.sort(Comparator.comparingInt(m -> m.doc));
        int[] docs = byDoc.stream().mapToInt(m -> m.doc).toArray();
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        facets.put("location", count(searcher, docs, byDoc, PeopleIndex.FACET_LOCATION, false));
        facets.put("currentCompany", count(searcher, docs, byDoc, PeopleIndex.FACET_CURRENT, true));
        facets.put("pastCompany", count(searcher, docs, byDoc, PeopleIndex.FACET_PAST, true));
        facets.put("school", count(searcher, docs, byDoc, PeopleIndex.FACET_SCHOOL, true));
        facets.put("industry", count(searcher, docs, byDoc, PeopleIndex.FACET_INDUSTRY, false));
        List<FacetValue> degrees = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            if (degreeCounts[d] > 0) {
                degrees.add(new FacetValue(Integer.toString(d), degreeCounts[d]));
            }
        }
        facets.put("degree", degrees);
        return facets;
    }

    /** Counts per value (grouped by comparison key, shown as first seen), most frequent first. */
    private static List<FacetValue> count(IndexSearcher searcher, int[] docs, List<Match> byDoc, String field,
                                          boolean privateField) {
        Map<String, String> shown = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        Map<String, Integer> lastDoc = new HashMap<>();
        Map<String, String> keys = new HashMap<>(); // Text.key once per distinct value
        PeopleIndex.facetValues(searcher, docs, field, (value, i) -> {
            if (privateField && byDoc.get(i).limitedOut) {
                return;
            }
            String key = keys.computeIfAbsent(value, Text::key);
            // one member with the same company twice (two positions) counts once
            if (Integer.valueOf(i).equals(lastDoc.put(key, i))) {
                return;
            }
            shown.putIfAbsent(key, value);
            counts.merge(key, 1L, Long::sum);
        });
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FACET_SIZE)
                .map(e -> new FacetValue(shown.get(e.getKey()), e.getValue()))
                .toList();
    }

    // ---------------------------------------------------------------- colleagues and classmates

    /**
     * Members who work or worked at one of my companies: those whose years there overlap mine
     * first (longest overlap first), then the rest; more mutual connections first within each.
     */
    public Page<SharedPlace> colleagues(long viewer, PageRequest page) {
        List<SearchRepository.Place> mine = repository.positionsOf(viewer);
        return shared(viewer, mine, repository.positionsAt(keys(mine), viewer), page, "colleagues");
    }

    /** Members who studied at one of my schools, the nearest years first (overlapping first). */
    public Page<SharedPlace> classmates(long viewer, PageRequest page) {
        List<SearchRepository.Place> mine = repository.schoolsOf(viewer);
        return shared(viewer, mine, repository.studiesAt(keys(mine), viewer), page, "classmates");
    }

    private static Set<String> keys(List<SearchRepository.Place> places) {
        Set<String> keys = new HashSet<>();
        for (SearchRepository.Place p : places) {
            keys.add(p.key());
        }
        return keys;
    }

    private Page<SharedPlace> shared(long viewer, List<SearchRepository.Place> mine,
                                     List<SearchRepository.Place> theirs, PageRequest page, String kind) {
        int offset = offset(page.cursor(), kind);
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        // each member's place nearest in time to one of mine at the same place
        Map<Long, SearchRepository.Place> best = new HashMap<>();
        Map<Long, Integer> gaps = new HashMap<>();
        for (SearchRepository.Place p : theirs) {
            if (hidden.contains(p.memberId())) {
                continue;
            }
            int gap = Integer.MAX_VALUE;
            for (SearchRepository.Place m : mine) {
                if (m.key().equals(p.key())) {
                    gap = Math.min(gap, gap(m, p, year));
                }
            }
            Integer old = gaps.get(p.memberId());
            if (old == null || gap < old) {
                gaps.put(p.memberId(), gap);
                best.put(p.memberId(), p);
            }
        }
        ConnectionGraph graph = graphIndex.graph();
        int me = GraphIndex.vertex(viewer);
        Set<Long> limited = new HashSet<>(repository.limitedAmong(best.keySet()));
        java.util.function.LongToIntFunction mutualCount = network.mutualCounter(viewer);
        record Candidate(SearchRepository.Place place, int gap, Degree degree, int mutual) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (var e : best.entrySet()) {
            long id = e.getKey();
            Degree degree = Degree.ofDistance(graph.distance(me, GraphIndex.vertex(id)));
            if (degree == Degree.OUT_OF_NETWORK && limited.contains(id)) {
                continue; // their companies and schools are kept to their network
            }
            int mutual = degree == Degree.FIRST || degree == Degree.SECOND ? mutualCount.applyAsInt(id) : 0;
            candidates.add(new Candidate(e.getValue(), gaps.get(id), degree, mutual));
        }
        candidates.sort(Comparator.comparingInt(Candidate::gap)
                .thenComparing(Comparator.comparingInt(Candidate::mutual).reversed())
                .thenComparingLong(c -> c.place().memberId()));
        List<Candidate> slice = candidates.subList(Math.min(offset, candidates.size()),
                Math.min(offset + page.limit(), candidates.size()));
        Map<Long, MemberSummary> summaries = members.findSummaries(slice.stream().map(c -> c.place().memberId()).toList());
        List<SharedPlace> items = new ArrayList<>();
        for (Candidate c : slice) {
            MemberSummary s = summaries.get(c.place().memberId());
            if (s != null) {
                items.add(new SharedPlace(new MemberCard(s, c.degree(), c.mutual()), c.place().name(),
                        c.place().from(), c.place().to(), c.gap() <= 0));
            }
        }
        String next = offset + page.limit() < candidates.size() ? Cursor.encode(kind, offset + page.limit()) : null;
        return new Page<>(items, next, (long) candidates.size());
    }

    /**
     * Years between two spans at one place: negative or zero when they overlap (minus the years
     * shared), positive for the years apart; unknown years count as far apart.
     */
    static int gap(SearchRepository.Place a, SearchRepository.Place b, int thisYear) {
        if (a.from() == null || b.from() == null) {
            return 1_000;
        }
        int aTo = a.to() == null ? thisYear : a.to();
        int bTo = b.to() == null ? thisYear : b.to();
        int start = Math.max(a.from(), b.from());
        int end = Math.min(aTo, bTo);
        return start <= end ? -(end - start + 1) + 1 : start - end;
    }

    private static int offset(String cursor, String kind) {
        if (cursor == null) {
            return 0;
        }
        long offset = Cursor.parseLong(Cursor.decode(cursor, kind, 1).get(0));
        if (offset < 0 || offset > 100_000) {
            throw new ValidationException("cursor", "This cursor is not valid for this list; start again without it.");
        }
        return (int) offset;
    }
}
