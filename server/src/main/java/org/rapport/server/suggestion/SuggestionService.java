package org.rapport.server.suggestion;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rapport.graph.Suggestions;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.suggestion.SuggestionRepository.Place;
import org.rapport.server.suggestion.SuggestionRepository.Stint;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People You May Know. Candidates come from two places: the graph (members two hops away, the
 * engine's friends-of-friends tally within a scan budget) and shared background (people whose
 * time at one of my recent companies overlapped mine, people at one of my schools within two
 * years of me). Never suggested: me, my connections, anyone I have an open invitation with either
 * way, anyone whose invitation I ignored or who ignored mine, anyone I dismissed, anyone hidden
 * from me by a block. Privacy (I1, I3): a connection of mine who shows their connections to nobody
 * introduces nobody (their connections are neither found nor counted nor named through them), and
 * a member out of my network who keeps their profile to their network is no colleague or classmate
 * of mine, since their profile does not show me where they worked or studied.
 *
 * <p>Each candidate gets one score, the sum of:
 * <ul>
 *   <li>Adamic–Adar over mutual connections: Σ 1 / ln(connections of the mutual connection), so a
 *       shared friend with 5 connections adds 0.62 and a shared hub with 5,000 adds 0.12;</li>
 *   <li>{@value #WORKED_TOGETHER} if we were at the same company in overlapping years, else
 *       {@value #SAME_COMPANY} if we were there at different or unknown times;</li>
 *   <li>{@value #STUDIED_TOGETHER} if we were at the same school within two years of each other,
 *       else {@value #SAME_SCHOOL};</li>
 *   <li>{@value #IN_CONTACTS} if they are in my imported contacts (and did not opt out of being
 *       suggested to people who merely have their address);</li>
 *   <li>{@value #SAME_GROUP} if we are fellow members of a group ("Both members of Alumni Berlin");
 *       members of my five smallest groups are candidates too, the most recent {@value #PER_STINT}
 *       of each;</li>
 *   <li>{@value #SAME_INDUSTRY} for the same industry and {@value #SAME_LOCATION} for the same
 *       location (these rank candidates found otherwise, and make candidates only on a first day:
 *       while everything above finds fewer than asked for, the best-connected members of my
 *       organisations at any time, then of my location and industry, join the pool).</li>
 * </ul>
 * Ties go to the lower member id. Every term a candidate earned becomes a reason, strongest first,
 * in words a person can check.
 */
@Service
public class SuggestionService {

    static final double WORKED_TOGETHER = 1.5;
    static final double SAME_COMPANY = 0.6;
    static final double STUDIED_TOGETHER = 1.0;
    static final double SAME_SCHOOL = 0.4;
    static final double IN_CONTACTS = 1.2;
    static final double SAME_GROUP = 0.5;
    static final double SAME_INDUSTRY = 0.3;
    static final double SAME_LOCATION = 0.3;

    /** How many graph candidates to take from the engine before blending in the rest. */
    private static final int GRAPH_POOL = 100;
    /** How many of my most recent positions and schools look for colleagues and classmates. */
    private static final int RECENT_STINTS = 5;
    private static final int PER_STINT = 40;
    private static final int CLASSMATE_YEARS = 2;
    private static final int NAMED_MUTUALS = 3;
    private static final int CONTACT_POOL = 100;
    /** How many members of one organisation, location or industry a first day's suggestions rank by connections. */
    private static final int FIRST_DAY_POOL = 500;

    private final NetworkService network;
    private final InvitationService invitations;
    private final MemberRepository members;
    private final SuggestionRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long budget;
    private final BlockService blocks;
    private final ContactService contacts;

    public SuggestionService(NetworkService network, InvitationService invitations, MemberRepository members,
                             SuggestionRepository repository, TransactionTemplate tx, Clock clock,
                             RapportProperties properties, BlockService blocks, ContactService contacts) {
        this.blocks = blocks;
        this.contacts = contacts;
        this.network = network;
        this.invitations = invitations;
        this.members = members;
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.budget = properties.suggestions().scanBudget();
    }

    /** The best {@code limit} suggestions for {@code me}, best first. */
    public List<Suggestion> suggest(long me, int limit) {
        if (limit < 1 || limit > 100) {
            throw new ValidationException("limit", "limit must be between 1 and 100.");
        }
        Set<Long> excluded = new HashSet<>(invitations.suggestionBlockers(me));
        excluded.addAll(repository.dismissed(me));
        excluded.addAll(blocks.hiddenFrom(me));
        // My connections who keep their connections to themselves (ONLY_ME) show me only the ones we
        // share (I1): their other connections are neither suggested to me on their account nor told
        // apart by naming them as a mutual connection.
        Set<Long> concealing = repository.connectionsKeepingTheirList(me);

        Map<Long, Candidate> pool = new LinkedHashMap<>();
        Suggestions fromGraph = network.suggest(me, GRAPH_POOL, excluded::contains, budget);
        for (int i = 0; i < fromGraph.size(); i++) {
            long id = fromGraph.members()[i];
            if (concealing.isEmpty()) {
                pool.put(id, new Candidate(id, fromGraph.mutualCounts()[i], fromGraph.scores()[i]));
                continue;
            }
            long[] mutual = mutualIds(me, id, concealing);
            if (mutual.length > 0) {
                pool.put(id, new Candidate(id, mutual.length, adamicAdar(mutual)));
            }
        }
        int thisYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
        List<Stint> myPositions = recentFirst(repository.positions(me));
        List<Stint> mySchools = recentFirst(repository.education(me));
        for (Stint p : myPositions.subList(0, Math.min(RECENT_STINTS, myPositions.size()))) {
            addBackground(me, pool, excluded, concealing,
                    repository.colleagues(me, p.key(), from(p, 0), to(p, thisYear), PER_STINT));
        }
        for (Stint s : mySchools.subList(0, Math.min(RECENT_STINTS, mySchools.size()))) {
            addBackground(me, pool, excluded, concealing, repository.classmates(me, s.key(),
                    from(s, 0) - CLASSMATE_YEARS, to(s, thisYear) + CLASSMATE_YEARS, PER_STINT));
        }
        for (long group : repository.myGroups(me, RECENT_STINTS)) {
            for (long id : repository.fellowMembers(me, group, PER_STINT)) {
                if (pool.containsKey(id) || excluded.contains(id) || network.areConnected(me, id)) {
                    continue;
                }
                long[] mutual = mutualIds(me, id, concealing);
                pool.put(id, new Candidate(id, mutual.length, adamicAdar(mutual)));
            }
        }
        // Contacts are suggested for being contacts; if one keeps their profile to their network and is
        // out of mine, their companies and schools stay out of the reasons (I3).
        Set<Long> inContacts = new HashSet<>();
        for (long id : contacts.suggestable(me, CONTACT_POOL)) {
            if (id == me || excluded.contains(id) || network.areConnected(me, id)) {
                continue;
            }
            inContacts.add(id);
            if (!pool.containsKey(id)) {
                long[] mutual = mutualIds(me, id, concealing);
                pool.put(id, new Candidate(id, mutual.length, adamicAdar(mutual)));
            }
        }
        if (pool.size() < limit) {
            firstDay(me, pool, excluded, concealing, myPositions, limit);
        }
        Set<Long> placesHidden = repository.keptToNetwork(inContacts.stream()
                .filter(id -> network.degree(me, id) == Degree.OUT_OF_NETWORK).toList());
        if (pool.isEmpty()) {
            return List.of();
        }

        Map<Long, List<Stint>> theirPositions = byMember(repository.positions(pool.keySet()));
        Map<Long, List<Stint>> theirSchools = byMember(repository.education(pool.keySet()));
        Map<Long, Place> places = repository.places(pool.keySet());
        Place mine = repository.places(List.of(me)).getOrDefault(me, new Place("", ""));
        Map<Long, String> sharedGroups = repository.sharedGroup(me, pool.keySet());
        List<Scored> scored = new ArrayList<>(pool.size());
        for (Candidate c : pool.values()) {
            boolean hidePlaces = placesHidden.contains(c.id);
            scored.add(score(c, thisYear, myPositions, mySchools, mine,
                    hidePlaces ? List.of() : theirPositions.getOrDefault(c.id, List.of()),
                    hidePlaces ? List.of() : theirSchools.getOrDefault(c.id, List.of()),
                    places.getOrDefault(c.id, new Place("", "")), inContacts.contains(c.id),
                    sharedGroups.get(c.id)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(s -> s.candidate.id));
        List<Scored> top = scored.subList(0, Math.min(limit, scored.size()));

        Map<Long, long[]> namedMutuals = new HashMap<>();
        Set<Long> toLoad = new HashSet<>();
        for (Scored s : top) {
            toLoad.add(s.candidate.id);
            long[] mutual = mutualIds(me, s.candidate.id, concealing);
            long[] named = java.util.Arrays.copyOf(mutual, Math.min(NAMED_MUTUALS, mutual.length));
            namedMutuals.put(s.candidate.id, named);
            for (long m : named) {
                toLoad.add(m);
            }
        }
        Map<Long, MemberSummary> summaries = members.findSummaries(toLoad);
        List<Suggestion> out = new ArrayList<>(top.size());
        for (Scored s : top) {
            MemberSummary summary = summaries.get(s.candidate.id);
            if (summary == null) {
                continue; // deleted meanwhile
            }
            List<Reason> reasons = new ArrayList<>();
            if (s.candidate.mutualCount > 0) {
                List<MemberSummary> named = new ArrayList<>();
                for (long m : namedMutuals.get(s.candidate.id)) {
                    MemberSummary ms = summaries.get(m);
                    if (ms != null) {
                        named.add(ms);
                    }
                }
                reasons.add(new Reason(Reason.Kind.MUTUAL_CONNECTIONS,
                        mutualDetail(s.candidate.mutualCount, named), named));
            }
            reasons.addAll(s.background);
            out.add(new Suggestion(network.card(me, summary), s.score, reasons));
        }
        return out;
    }

    /** Stops suggesting {@code other} to {@code me}. Dismissing twice is harmless. */
    public void dismiss(long me, long other) {
        if (me == other) {
            throw new ValidationException("memberId", "You cannot dismiss yourself.");
        }
        if (!members.exists(other)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(me, other);
        tx.executeWithoutResult(status -> repository.dismiss(me, other, clock.instant()));
    }

    // ------------------------------------------------------------------------------------------

    private record Candidate(long id, int mutualCount, double adamicAdar) {
    }

    private record Scored(Candidate candidate, double score, List<Reason> background) {
    }

    private void addBackground(long me, Map<Long, Candidate> pool, Set<Long> excluded, Set<Long> concealing,
                               List<Long> ids) {
        // Out of my network, a member who keeps their profile to their network has not shown me where
        // they worked or studied: that is no reason to suggest them, and the reason would tell (I3).
        Set<Long> keptToNetwork = repository.keptToNetwork(ids.stream()
                .filter(id -> id != me && network.degree(me, id) == Degree.OUT_OF_NETWORK).toList());
        for (long id : ids) {
            if (id == me || pool.containsKey(id) || excluded.contains(id) || network.areConnected(me, id)
                    || keptToNetwork.contains(id)) {
                continue;
            }
            long[] mutual = mutualIds(me, id, concealing);
            pool.put(id, new Candidate(id, mutual.length, adamicAdar(mutual)));
        }
    }

    /**
     * A member with few or no connections (a first day) still gets suggestions, each for a reason
     * that {@link #score} puts into words: the best-connected people of my organisations, at any
     * time ("Also at Northwind Software"), then people in my location or industry ("Both in
     * London"), best connected first. Those out of my network who keep their profile to it are left
     * out, as for colleagues. Only run while the pool is smaller than what was asked for.
     */
    private void firstDay(long me, Map<Long, Candidate> pool, Set<Long> excluded, Set<Long> concealing,
                          List<Stint> myPositions, int limit) {
        Comparator<Long> bestConnected = Comparator.comparingInt((Long id) -> network.connectionCount(id)).reversed()
                .thenComparing(Comparator.naturalOrder());
        for (Stint p : myPositions.subList(0, Math.min(RECENT_STINTS, myPositions.size()))) {
            List<Long> ids = new ArrayList<>(repository.everAt(me, p.key(), FIRST_DAY_POOL));
            ids.sort(bestConnected);
            addBackground(me, pool, excluded, concealing, ids.subList(0, Math.min(PER_STINT, ids.size())));
        }
        if (pool.size() >= limit) {
            return;
        }
        Place mine = repository.places(List.of(me)).getOrDefault(me, new Place("", ""));
        List<Long> ids = new ArrayList<>(new java.util.LinkedHashSet<>(
                repository.samePlace(me, mine.location(), mine.industry(), FIRST_DAY_POOL)));
        ids.sort(bestConnected);
        addBackground(me, pool, excluded, concealing, ids.subList(0, Math.min(PER_STINT, ids.size())));
    }

    /** The connections I share with {@code other}, less those that keep their connections to themselves. */
    private long[] mutualIds(long me, long other, Set<Long> concealing) {
        long[] mutual = network.mutualIds(me, other);
        return concealing.isEmpty() ? mutual
                : java.util.Arrays.stream(mutual).filter(z -> !concealing.contains(z)).toArray();
    }

    private double adamicAdar(long[] mutual) {
        double aa = 0;
        for (long z : mutual) {
            aa += 1.0 / Math.log(Math.max(2, network.connectionCount(z)));
        }
        return aa;
    }

    private Scored score(Candidate c, int thisYear, List<Stint> myPositions, List<Stint> mySchools, Place mine,
                         List<Stint> theirPositions, List<Stint> theirSchools, Place theirs, boolean inContacts,
                         String sharedGroup) {
        double score = c.adamicAdar;
        List<Reason> reasons = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (inContacts) {
            score += IN_CONTACTS;
            weights.add(IN_CONTACTS);
            reasons.add(Reason.of(Reason.Kind.CONTACTS, "In your contacts"));
        }

        Overlap company = bestOverlap(myPositions, theirPositions, thisYear, 0);
        if (company != null) {
            double w = company.together ? WORKED_TOGETHER : SAME_COMPANY;
            score += w;
            weights.add(w);
            reasons.add(Reason.of(Reason.Kind.COMPANY, company.together
                    ? "Both at " + company.label + " " + years(company)
                    : "Both worked at " + company.label));
        }
        Overlap school = bestOverlap(mySchools, theirSchools, thisYear, CLASSMATE_YEARS);
        if (school != null) {
            double w = school.together ? STUDIED_TOGETHER : SAME_SCHOOL;
            score += w;
            weights.add(w);
            reasons.add(Reason.of(Reason.Kind.SCHOOL, school.together
                    ? "Both studied at " + school.label + " around the same time"
                    : "Both went to " + school.label));
        }
        if (sharedGroup != null) {
            score += SAME_GROUP;
            weights.add(SAME_GROUP);
            reasons.add(Reason.of(Reason.Kind.GROUP, "Both members of " + sharedGroup));
        }
        if (!mine.industry().isBlank() && mine.industry().equalsIgnoreCase(theirs.industry())) {
            score += SAME_INDUSTRY;
            weights.add(SAME_INDUSTRY);
            reasons.add(Reason.of(Reason.Kind.INDUSTRY, "Both in " + theirs.industry()));
        }
        if (!mine.location().isBlank() && mine.location().equalsIgnoreCase(theirs.location())) {
            score += SAME_LOCATION;
            weights.add(SAME_LOCATION);
            reasons.add(Reason.of(Reason.Kind.LOCATION, "Both in " + theirs.location()));
        }
        // Background reasons strongest first (a stable sort keeps company before school on ties).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Double.compare(weights.get(y), weights.get(x)));
        List<Reason> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(reasons.get(i));
        }
        return new Scored(c, score, sorted);
    }

    /** What two members share at one company or school: where, and the years both were there. */
    private record Overlap(String label, boolean together, int from, int to, boolean current) {
    }

    /**
     * The strongest shared place: overlapping years (within {@code slack} years) beat a shared
     * place at other or unknown times; among overlaps the longest wins.
     */
    private static Overlap bestOverlap(List<Stint> mine, List<Stint> theirs, int thisYear, int slack) {
        Overlap best = null;
        for (Stint a : mine) {
            for (Stint b : theirs) {
                if (!a.key().equals(b.key())) {
                    continue;
                }
                Overlap o;
                if (a.from() != null && b.from() != null) {
                    int from = Math.max(a.from(), b.from());
                    int to = Math.min(to(a, thisYear), to(b, thisYear));
                    boolean together = from <= to + slack;
                    o = new Overlap(b.label(), together, from, Math.max(from, to), a.to() == null && b.to() == null);
                } else {
                    o = new Overlap(b.label(), false, 0, 0, false);
                }
                if (best == null || (o.together && !best.together)
                        || (o.together == best.together && o.to - o.from > best.to - best.from)) {
                    best = o;
                }
            }
        }
        return best;
    }

    private static String years(Overlap o) {
        if (o.current) {
            return "since " + o.from;
        }
        return o.from == o.to ? "in " + o.from : o.from + "–" + o.to;
    }

    static String mutualDetail(int count, List<MemberSummary> named) {
        String noun = count == 1 ? "1 mutual connection" : String.format(Locale.ENGLISH, "%,d mutual connections", count);
        if (named.isEmpty()) {
            return noun;
        }
        List<String> names = named.stream().map(MemberSummary::name).toList();
        int more = count - names.size();
        String list;
        if (more > 0) {
            list = String.join(", ", names) + " and " + (more == 1 ? "1 other" : more + " others");
        } else if (names.size() == 1) {
            list = names.get(0);
        } else {
            list = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return noun + ": " + list;
    }

    private static List<Stint> recentFirst(List<Stint> stints) {
        List<Stint> sorted = new ArrayList<>(stints);
        sorted.sort(Comparator.comparingInt((Stint s) -> s.to() == null ? Integer.MAX_VALUE : s.to()).reversed());
        return sorted;
    }

    private static Map<Long, List<Stint>> byMember(List<Stint> stints) {
        Map<Long, List<Stint>> out = new HashMap<>();
        for (Stint s : stints) {
            out.computeIfAbsent(s.memberId(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static int from(Stint s, int unknown) {
        return s.from() == null ? unknown : s.from();
    }

    private static int to(Stint s, int thisYear) {
        return s.to() == null ? thisYear : s.to();
    }
}
