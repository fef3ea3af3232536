package org.rapport.server.credibility;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.ConflictException;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.PairLock;
import org.rapport.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Written recommendations (H2), only between 1st-degree connections: the recipient asks a
 * connection for one (with a note, about one of the recipient's positions), or a connection writes
 * one unasked; the recipient approves it before it shows on their profile, hides it later (and
 * shows it again), or asks for a revision, which the author's next edit answers (and which then
 * waits for approval again). Either may delete it; the author may decline a request. One per
 * author and recipient. When the two are no longer connected (removal or block) everything
 * between them is deleted in that transaction ({@link CredibilityCleanup}), as LinkedIn does:
 * a recommendation vouches for a relationship that has ended.
 *
 * <p>Who sees what: the two members see theirs (404 for anyone else, and across a block);
 * everyone who sees the recipient's profile lists sees their APPROVED ones (none for a viewer
 * out of network when the recipient keeps those lists to their network).
 */
@Service
public class RecommendationService {

    public static final int TEXT_MAX = 3000;
    public static final int NOTE_MAX = 500;

    /** A recommendation and its two members as the viewer sees them ({@code author} null when withheld, see {@link #shown}). */
    public record Item(Recommendation recommendation, MemberCard author, MemberCard recipient) {
    }

    private static final Set<RecommendationStatus> WRITTEN = EnumSet.of(RecommendationStatus.PENDING,
            RecommendationStatus.APPROVED, RecommendationStatus.HIDDEN, RecommendationStatus.REVISION);
    private static final Set<RecommendationStatus> TO_WRITE = EnumSet.of(RecommendationStatus.REQUESTED,
            RecommendationStatus.REVISION);

    private final RecommendationRepository recommendations;
    private final MemberRepository members;
    private final ProfileService profiles;
    private final NetworkService network;
    private final BlockService blocks;
    private final EndorsementService endorsements;
    private final org.rapport.server.connection.ConnectionService connections;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final PairLock pairs;
    private final Clock clock;

    RecommendationService(RecommendationRepository recommendations, MemberRepository members,
                          ProfileService profiles, NetworkService network, BlockService blocks,
                          EndorsementService endorsements, NotificationService notifications,
                          TransactionTemplate tx, PairLock pairs, Clock clock,
                          org.rapport.server.connection.ConnectionService connections) {
        this.connections = connections;
        this.recommendations = recommendations;
        this.members = members;
        this.profiles = profiles;
        this.network = network;
        this.blocks = blocks;
        this.endorsements = endorsements;
        this.notifications = notifications;
        this.tx = tx;
        this.pairs = pairs;
        this.clock = clock;
    }

    /** I ask {@code authorId}, a connection, to recommend me for my position number {@code positionIndex}. */
    public Recommendation request(long me, long authorId, Integer positionIndex, String rawNote) {
        if (me == authorId) {
            throw new ValidationException("memberId", "You cannot recommend yourself.");
        }
        ValidationException.Errors errors = new ValidationException.Errors();
        String note = ProfileRules.multiline(rawNote, "note", "The note", NOTE_MAX, errors);
        errors.throwIfAny();
        Member author = visible(me, authorId);
        long id = tx.execute(status -> {
            pairs.lock(me, authorId);
            requireConnected(me, authorId, "Ask only your 1st-degree connections for a recommendation.");
            Position position = position(me, me, positionIndex);
            recommendations.findPair(authorId, me).ifPresent(r -> {
                throw new ConflictException("recommendation-exists", "Already asked",
                        r.status().written() ? author.firstName() + " has already written you a recommendation."
                                : "You have already asked " + author.firstName() + " for a recommendation.");
            });
            long made = recommendations.insert(authorId, me, position.company(), position.title(),
                    note == null || note.isEmpty() ? null : note, null, RecommendationStatus.REQUESTED, clock.instant());
            notifications.notify(authorId, NotificationKind.RECOMMENDATION_REQUESTED, me, null);
            return made;
        });
        return recommendations.find(id).orElseThrow();
    }

    /**
     * I write (or rewrite) my recommendation of {@code recipientId}: into their request, over the
     * one I wrote before, or unasked. It then waits for their approval. {@code positionIndex}
     * chooses another of their positions; null keeps the one asked about (or their first).
     */
    public Recommendation write(long me, long recipientId, Integer positionIndex, String rawText) {
        if (me == recipientId) {
            throw new ValidationException("recipientId", "You cannot recommend yourself.");
        }
        String text = cleanText(rawText);
        visible(me, recipientId);
        long id = tx.execute(status -> {
            pairs.lock(me, recipientId);
            requireConnected(me, recipientId, "You can recommend only your 1st-degree connections.");
            Position chosen = positionIndex == null ? null : position(me, recipientId, positionIndex);
            Instant now = clock.instant();
            var existing = recommendations.findPair(me, recipientId);
            if (existing.isEmpty()) {
                Position p = chosen != null ? chosen : position(me, recipientId, 0);
                long made = recommendations.insert(me, recipientId, p.company(), p.title(), null, text,
                        RecommendationStatus.PENDING, now);
                notifications.notify(recipientId, NotificationKind.RECOMMENDATION_RECEIVED, me, null);
                return made;
            }
            Recommendation r = existing.get();
            String company = chosen != null ? chosen.company() : r.company();
            String title = chosen != null ? chosen.title() : r.title();
            if (!recommendations.write(r.id(), company, title, text, RecommendationStatus.WRITABLE, now)) {
                throw new ConflictException("recommendation-changed", "Changed meanwhile",
                        "This recommendation changed meanwhile; reload and try again.");
            }
            notifications.notify(recipientId, NotificationKind.RECOMMENDATION_RECEIVED, me, null);
            return r.id();
        });
        return recommendations.find(id).orElseThrow();
    }

    /** The author edits their recommendation by id (see {@link #write}). */
    public Recommendation edit(long me, long id, Integer positionIndex, String rawText) {
        Recommendation r = mine(me, id);
        if (r.authorId() != me) {
            throw new ForbiddenException("recommendation-not-author", "Only its author can write a recommendation.");
        }
        return write(me, r.recipientId(), positionIndex, rawText);
    }

    /** The recipient approves: it shows on their profile. */
    public Recommendation approve(long me, long id) {
        return recipientMoves(me, id, RecommendationStatus.APPROVABLE, RecommendationStatus.APPROVED, null,
                "Only a recommendation waiting for your approval can be approved.");
    }

    public Recommendation hide(long me, long id) {
        return recipientMoves(me, id, RecommendationStatus.HIDEABLE, RecommendationStatus.HIDDEN, null,
                "Only a recommendation shown on your profile can be hidden.");
    }

    public Recommendation show(long me, long id) {
        return recipientMoves(me, id, RecommendationStatus.SHOWABLE, RecommendationStatus.APPROVED, null,
                "Only a hidden recommendation can be shown again.");
    }

    /** The recipient asks the author to revise (with what to change); it stops showing until approved again. */
    public Recommendation askRevision(long me, long id, String rawNote) {
        ValidationException.Errors errors = new ValidationException.Errors();
        String note = ProfileRules.multiline(rawNote, "note", "The note", NOTE_MAX, errors);
        if (note == null || note.isBlank()) {
            errors.add("note", "Say what you would like changed.");
        }
        errors.throwIfAny();
        Recommendation r = recipientMoves(me, id, RecommendationStatus.REVISABLE, RecommendationStatus.REVISION, note,
                "Only a written recommendation can be sent back for revision.");
        tx.executeWithoutResult(s -> notifications.notify(r.authorId(), NotificationKind.RECOMMENDATION_REVISION, me, null));
        return r;
    }

    /** The author declines a request (or a revision request): it is deleted; the recipient is not told. */
    public void decline(long me, long id) {
        Recommendation r = mine(me, id);
        if (r.authorId() != me) {
            throw new ForbiddenException("recommendation-not-author", "Only the member asked can decline.");
        }
        tx.executeWithoutResult(s -> {
            Recommendation now = recommendations.find(id).orElseThrow(RecommendationNotFoundException::new);
            if (!RecommendationStatus.DECLINABLE.contains(now.status())) {
                throw new ConflictException("recommendation-state", "Not a request",
                        "Only a request can be declined; delete the recommendation instead.");
            }
            recommendations.delete(id);
        });
    }

    /** Either member deletes it. */
    public void delete(long me, long id) {
        mine(me, id);
        tx.executeWithoutResult(s -> recommendations.delete(id));
    }

    /** One of mine (as author or recipient). */
    public Item get(long me, long id) {
        return item(me, mine(me, id));
    }

    /** Recommendations written for me (and my requests), optionally in one state, newest change first. */
    public Page<Item> received(long me, RecommendationStatus only, PageRequest page) {
        return page(me, "recipient_id", only == null ? EnumSet.allOf(RecommendationStatus.class) : EnumSet.of(only),
                page);
    }

    /** Recommendations I wrote. */
    public Page<Item> given(long me, PageRequest page) {
        return page(me, "author_id", WRITTEN, page);
    }

    /** Requests waiting for me to write (or revise). */
    public Page<Item> requests(long me, PageRequest page) {
        return page(me, "author_id", TO_WRITE, page);
    }

    public long requestCount(long me) {
        return recommendations.count("author_id", me, TO_WRITE);
    }

    public long awaitingApprovalCount(long me) {
        return recommendations.count("recipient_id", me, EnumSet.of(RecommendationStatus.PENDING));
    }

    /**
     * The member's approved recommendations as {@code viewer} may see them (their profile). The
     * authors are the member's connections, so they are named as the member's connections-visibility
     * setting allows: to a viewer who may not see the list, an author who is not the viewer's own
     * connection is withheld ({@link Item#author()} null: "a connection of theirs").
     */
    public Page<Item> shown(long viewer, long memberId, PageRequest page) {
        Member owner = visible(viewer, memberId);
        if (viewer != memberId && endorsements.limited(network.degree(viewer, memberId), memberId)) {
            return new Page<>(List.of(), null, 0L);
        }
        Page<Item> all = page(viewer, memberId, "recipient_id", EnumSet.of(RecommendationStatus.APPROVED), page);
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        boolean allNames = viewer == memberId || connections.canSeeAllConnections(viewer, owner);
        List<Item> items = new ArrayList<>();
        for (Item i : all.items()) {
            long author = i.recommendation().authorId();
            if (hidden.contains(author)) {
                continue;
            }
            boolean named = allNames || author == viewer || network.areConnected(viewer, author);
            items.add(named ? i : new Item(i.recommendation(), null, i.recipient()));
        }
        return new Page<>(items, all.nextCursor(), all.total());
    }

    /** Called by {@link CredibilityCleanup} inside the transaction that disconnects or blocks. */
    void deletePair(long a, long b) {
        recommendations.deletePair(a, b);
    }

    private Page<Item> page(long me, String column, Collection<RecommendationStatus> states, PageRequest page) {
        return page(me, me, column, states, page);
    }

    private Page<Item> page(long viewer, long member, String column, Collection<RecommendationStatus> states,
                            PageRequest page) {
        Long t = null;
        Long i = null;
        if (page.cursor() != null) {
            List<String> parts = Cursor.decode(page.cursor(), "rec", 2);
            t = Cursor.parseLong(parts.get(0));
            i = Cursor.parseLong(parts.get(1));
        }
        List<Recommendation> rows = new ArrayList<>(recommendations.page(column, member, states, t, i, page.limit()));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            Recommendation last = rows.get(rows.size() - 1);
            next = Cursor.encode("rec", last.updatedAt().toEpochMilli(), last.id());
        }
        List<Long> ids = new ArrayList<>();
        for (Recommendation r : rows) {
            ids.add(r.authorId());
            ids.add(r.recipientId());
        }
        Map<Long, MemberSummary> summaries = members.findSummaries(ids);
        List<Item> items = new ArrayList<>();
        for (Recommendation r : rows) {
            MemberSummary a = summaries.get(r.authorId());
            MemberSummary b = summaries.get(r.recipientId());
            if (a != null && b != null) {
                items.add(new Item(r, network.card(viewer, a), network.card(viewer, b)));
            }
        }
        return new Page<>(items, next, recommendations.count(column, member, states));
    }

    private Item item(long viewer, Recommendation r) {
        Map<Long, MemberSummary> s = members.findSummaries(List.of(r.authorId(), r.recipientId()));
        return new Item(r, network.card(viewer, s.get(r.authorId())), network.card(viewer, s.get(r.recipientId())));
    }

    private Recommendation recipientMoves(long me, long id, Set<RecommendationStatus> from, RecommendationStatus to,
                                          String note, String refusal) {
        Recommendation r = mine(me, id);
        if (r.recipientId() != me) {
            throw new ForbiddenException("recommendation-not-recipient",
                    "Only the member recommended can approve, hide, show or send back a recommendation.");
        }
        boolean moved = Boolean.TRUE.equals(tx.execute(s -> recommendations.move(id, from, to, note, clock.instant())));
        if (!moved) {
            throw new ConflictException("recommendation-state", "Not possible now", refusal);
        }
        return recommendations.find(id).orElseThrow(RecommendationNotFoundException::new);
    }

    /** A recommendation I am one of the two members of; 404 otherwise, and across a block. */
    private Recommendation mine(long me, long id) {
        Recommendation r = recommendations.find(id).filter(x -> x.involves(me))
                .orElseThrow(RecommendationNotFoundException::new);
        if (blocks.hidden(me, r.other(me))) {
            throw new RecommendationNotFoundException();
        }
        return r;
    }

    private Member visible(long me, long other) {
        Member m = members.findById(other).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, other);
        return m;
    }

    private Position position(long me, long owner, Integer index) {
        List<Position> positions = profiles.profile(owner).positions();
        if (positions.isEmpty()) {
            throw new ValidationException("positionIndex", me == owner
                    ? "Add a position to your profile first: a recommendation is about one of your positions."
                    : "They have no position on their profile to recommend them for.");
        }
        int i = index == null ? 0 : index;
        if (i < 0 || i >= positions.size()) {
            throw new ValidationException("positionIndex", "Choose one of the " + positions.size()
                    + " positions on the profile (0 to " + (positions.size() - 1) + ").");
        }
        return positions.get(i);
    }

    private void requireConnected(long me, long other, String message) {
        if (!network.areConnected(me, other)) {
            throw new ForbiddenException("not-connected", message);
        }
    }

    private static String cleanText(String raw) {
        ValidationException.Errors errors = new ValidationException.Errors();
        String text = ProfileRules.multiline(raw, "text", "The recommendation", TEXT_MAX, errors);
        if (text == null || text.isBlank()) {
            errors.add("text", "Write the recommendation.");
        }
        errors.throwIfAny();
        return text;
    }

    /** Not for this member's eyes (or nonexistent). */
    static class RecommendationNotFoundException extends NotFoundException {
        RecommendationNotFoundException() {
            super("There is no such recommendation.");
        }
    }
}
