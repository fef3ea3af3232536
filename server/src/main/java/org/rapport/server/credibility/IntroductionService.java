package org.rapport.server.credibility;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.invitation.InvitationRelation;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.invitation.InviteResult;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.member.ProfileRules;
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
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Introductions through a mutual connection (H3), double opt-in: I ask a connection (the
 * intermediary) who is connected to the member I want to meet (the target, so my 2nd degree) to
 * introduce me, with a reason; the intermediary forwards it with a note of their own, or declines.
 * Forwarding sends a real invitation from me to the target through {@link InvitationService} in
 * the same transaction (so the target's inbound rules, my quota and blocks all apply, and a refusal
 * forwards nothing); the invitation carries my reason as its note and shows "introduced by" the
 * intermediary with their note. Each step notifies the next person.
 *
 * <p>A member may ask for {@code rapport.introductions.allowance} introductions (default 5) in any
 * {@code rapport.introductions.window} (default 30 days), counted from when each was asked, whatever
 * became of it; past that, 429 with Retry-After. Pending requests that lose a connection they
 * depend on, or whose members block each other, are deleted with that change
 * ({@link CredibilityCleanup}).
 */
@Service
public class IntroductionService {

    public static final int NOTE_MAX = 300;
    private static final int ATTEMPTS = 3;

    /** An introduction and its three members as the viewer sees them. */
    public record Item(Introduction introduction, MemberCard requester, MemberCard intermediary, MemberCard target) {
    }

    /** Where I stand with my allowance. {@code nextAt}: when one more becomes available (null if one is). */
    public record Allowance(int allowance, long used, long remaining, Duration window, Instant nextAt) {
    }

    private final IntroductionRepository introductions;
    private final InvitationService invitations;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int allowance;
    private final Duration window;

    IntroductionService(IntroductionRepository introductions, InvitationService invitations, MemberRepository members,
                        NetworkService network, BlockService blocks, NotificationService notifications,
                        TransactionTemplate tx, Clock clock,
                        @Value("${rapport.introductions.allowance:5}") int allowance,
                        @Value("${rapport.introductions.window:P30D}") Duration window) {
        this.introductions = introductions;
        this.invitations = invitations;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
        this.allowance = allowance;
        this.window = window;
    }

    /** I ask {@code intermediaryId} to introduce me to {@code targetId}. */
    public Introduction request(long me, long intermediaryId, long targetId, String rawReason) {
        if (me == targetId) {
            throw new ValidationException("targetId", "You cannot ask to be introduced to yourself.");
        }
        if (me == intermediaryId) {
            throw new ValidationException("intermediaryId", "Ask one of your connections, not yourself.");
        }
        if (intermediaryId == targetId) {
            throw new ValidationException("intermediaryId", "You can invite them yourself; an introduction goes "
                    + "through a connection you share with them.");
        }
        ValidationException.Errors errors = new ValidationException.Errors();
        String reason = ProfileRules.multiline(rawReason, "reason", "The reason", NOTE_MAX, errors);
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "Say why you would like to be introduced.");
        }
        errors.throwIfAny();
        Member intermediary = visible(me, intermediaryId);
        Member target = visible(me, targetId);
        long id = tx.execute(status -> {
            Instant now = clock.instant();
            if (!network.areConnected(me, intermediaryId)) {
                throw new ForbiddenException("not-connected",
                        "Ask one of your 1st-degree connections for an introduction.");
            }
            if (network.areConnected(me, targetId)) {
                throw new ConflictException("already-connected", "Already connected",
                        "You are already connected to " + target.name() + ".");
            }
            if (!network.areConnected(intermediaryId, targetId) || blocks.hidden(intermediaryId, targetId)) {
                throw new ForbiddenException("not-mutual", intermediary.name() + " is not a connection you share with "
                        + target.name() + ": ask one of your mutual connections.");
            }
            if (invitations.relation(me, targetId).kind() != InvitationRelation.Kind.NONE) {
                throw new ConflictException("invitation-pending", "Invitation pending",
                        "An invitation between you and " + target.name() + " is already waiting for an answer.");
            }
            if (introductions.pendingBetween(me, targetId)) {
                throw new ConflictException("introduction-pending", "Already asked",
                        "You have already asked for an introduction to " + target.name() + "; wait for the answer.");
            }
            IntroductionRepository.Usage used = introductions.usedSince(me, now.minus(window));
            if (used.count() >= allowance) {
                Instant next = used.oldest().plus(window);
                throw new RateLimitException("introduction-allowance",
                        "You have asked for " + used.count() + " introductions in the last " + window.toDays()
                                + " days, your allowance. You can ask again on " + Dates.day(next) + ".",
                        Duration.between(now, next));
            }
            long made = introductions.insert(me, intermediaryId, targetId, reason, now);
            notifications.notify(intermediaryId, NotificationKind.INTRODUCTION_REQUESTED, me, null);
            return made;
        });
        return introductions.find(id).orElseThrow();
    }

    /**
     * The intermediary forwards: an invitation from the requester to the target, carrying the
     * requester's reason and marked as introduced by me with my note. Everything the invitation
     * service refuses (a block, the target's rules do not apply here: they file it apart; the
     * requester's quota) refuses the forward, which then stays pending.
     */
    public Introduction forward(long me, long id, String rawNote) {
        ValidationException.Errors errors = new ValidationException.Errors();
        String note = ProfileRules.multiline(rawNote, "note", "Your note", NOTE_MAX, errors);
        errors.throwIfAny();
        String cleanNote = note == null || note.isBlank() ? null : note;
        Introduction intro = asIntermediary(me, id);
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> forwardOnce(me, intro, cleanNote));
                return introductions.find(id).orElseThrow();
            } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void forwardOnce(long me, Introduction intro, String note) {
        Introduction now = introductions.find(intro.id()).orElseThrow(IntroductionNotFoundException::new);
        if (now.status() != IntroductionStatus.PENDING) {
            throw new ConflictException("introduction-answered", "Already answered",
                    "You have already answered this request.");
        }
        Map<Long, MemberSummary> names = members.findSummaries(List.of(now.requesterId(), now.targetId()));
        String requester = names.containsKey(now.requesterId()) ? names.get(now.requesterId()).name() : "They";
        String target = names.containsKey(now.targetId()) ? names.get(now.targetId()).name() : "they";
        if (!network.areConnected(me, now.requesterId()) || !network.areConnected(me, now.targetId())) {
            throw new ConflictException("introduction-stale", "No longer possible",
                    "You are no longer connected to both " + requester + " and " + target + ".");
        }
        InviteResult sent;
        try {
            sent = invitations.invite(now.requesterId(), now.targetId(), now.reason());
        } catch (RateLimitException e) {
            throw new RateLimitException("introduction-quota", requester + " cannot send more invitations right now "
                    + "(their invitation limit); try again later.", e.retryAfter());
        }
        if (!introductions.forward(now.id(), note, sent.invitation().id(), clock.instant())) {
            throw new ConflictException("introduction-answered", "Already answered",
                    "You have already answered this request.");
        }
        notifications.notify(now.requesterId(), NotificationKind.INTRODUCTION_FORWARDED, me, null);
    }

    /** The intermediary declines; the requester is told. */
    public Introduction decline(long me, long id) {
        asIntermediary(me, id);
        tx.executeWithoutResult(status -> {
            Introduction intro = introductions.find(id).orElseThrow(IntroductionNotFoundException::new);
            if (!introductions.decline(id, clock.instant())) {
                throw new ConflictException("introduction-answered", "Already answered",
                        "You have already answered this request.");
            }
            notifications.notify(intro.requesterId(), NotificationKind.INTRODUCTION_DECLINED, me, null);
        });
        return introductions.find(id).orElseThrow();
    }

    /** One introduction I asked for or was asked to make; 404 for anyone else and across a block. */
    public Item get(long me, long id) {
        Introduction intro = introductions.find(id)
                .filter(i -> i.requesterId() == me || i.intermediaryId() == me)
                .filter(i -> !blocks.hidden(i.requesterId(), i.intermediaryId()))
                .orElseThrow(IntroductionNotFoundException::new);
        return items(me, List.of(intro)).get(0);
    }

    /** Introductions I asked for, newest first. */
    public Page<Item> asked(long me, PageRequest page) {
        return page(me, "requester_id", page);
    }

    /** Introductions I was asked to make, newest first. */
    public Page<Item> toMake(long me, PageRequest page) {
        return page(me, "intermediary_id", page);
    }

    public long pendingToMake(long me) {
        return introductions.count("intermediary_id", me, true);
    }

    public Allowance allowance(long me) {
        Instant now = clock.instant();
        IntroductionRepository.Usage used = introductions.usedSince(me, now.minus(window));
        long remaining = Math.max(0, allowance - used.count());
        Instant next = remaining > 0 || used.oldest() == null ? null : used.oldest().plus(window);
        return new Allowance(allowance, used.count(), remaining, window, next);
    }

    /** The connections I share with {@code targetId} who could introduce me (none across a block). */
    public List<MemberCard> intermediaries(long me, long targetId) {
        visible(me, targetId);
        Set<Long> hidden = blocks.hiddenFrom(me);
        List<Long> ids = new ArrayList<>();
        for (long id : network.mutualIds(me, targetId)) {
            if (!hidden.contains(id) && !blocks.hidden(id, targetId)) {
                ids.add(id);
            }
        }
        return network.cardsFor(me, ids);
    }

    /** Called by {@link CredibilityCleanup} inside the transaction that disconnects or blocks. */
    void deletePendingWithPair(long a, long b) {
        introductions.deletePendingWithPair(a, b);
    }

    private Page<Item> page(long me, String column, PageRequest page) {
        Long before = page.cursor() == null ? null : Cursor.parseLong(Cursor.decode(page.cursor(), "intro", 1).get(0));
        List<Introduction> rows = new ArrayList<>(introductions.page(column, me, before, page.limit()));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("intro", rows.get(rows.size() - 1).id());
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        rows.removeIf(i -> hidden.contains(i.requesterId()) || hidden.contains(i.intermediaryId())
                || hidden.contains(i.targetId()));
        return new Page<>(items(me, rows), next, introductions.count(column, me, false));
    }

    private List<Item> items(long me, List<Introduction> rows) {
        List<Long> ids = new ArrayList<>();
        for (Introduction i : rows) {
            ids.add(i.requesterId());
            ids.add(i.intermediaryId());
            ids.add(i.targetId());
        }
        Map<Long, MemberSummary> s = members.findSummaries(ids);
        List<Item> out = new ArrayList<>();
        for (Introduction i : rows) {
            if (s.containsKey(i.requesterId()) && s.containsKey(i.intermediaryId()) && s.containsKey(i.targetId())) {
                out.add(new Item(i, network.card(me, s.get(i.requesterId())),
                        network.card(me, s.get(i.intermediaryId())), network.card(me, s.get(i.targetId()))));
            }
        }
        return out;
    }

    private Introduction asIntermediary(long me, long id) {
        Introduction intro = introductions.find(id)
                .filter(i -> i.requesterId() == me || i.intermediaryId() == me)
                .filter(i -> !blocks.hidden(i.requesterId(), i.intermediaryId()))
                .orElseThrow(IntroductionNotFoundException::new);
        if (intro.intermediaryId() != me) {
            throw new ForbiddenException("not-intermediary", "Only the member you asked can forward or decline it.");
        }
        return intro;
    }

    private Member visible(long me, long other) {
        Member m = members.findById(other).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, other);
        return m;
    }

    static class IntroductionNotFoundException extends NotFoundException {
        IntroductionNotFoundException() {
            super("There is no such introduction.");
        }
    }

    /** Days in words for messages. */
    private static final class Dates {
        private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
                .ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

        static String day(Instant at) {
            return DAY.format(at);
        }
    }
}
