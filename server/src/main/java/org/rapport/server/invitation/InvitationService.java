package org.rapport.server.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.rapport.server.account.AccountService;
import org.rapport.server.connection.ConnectionRepository;
import org.rapport.server.contacts.ContactRepository;
import org.rapport.server.follow.FollowChanged;
import org.rapport.server.follow.FollowRepository;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.network.Degree;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.network.NetworkService;
import org.rapport.server.network.SharedBackground;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.PrivacySettings;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationRepository;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.PairLock;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connection lifecycle. Every operation is one database transaction: it checks the rules,
 * moves the invitation with a conditional update, inserts the connection and the notifications,
 * and, once committed, brings the graph index in line ({@link GraphIndex}).
 *
 * <p>Races end in exactly one outcome because the database decides: at most one live invitation
 * per pair (a partial unique index), status changes conditional on the expected status, and one
 * connection row per pair. A transaction that loses a race on PostgreSQL is retried from the
 * start and then sees the winner's result (crossing invitations become one connection); on
 * SQLite, transactions take the write lock when they begin, so they never interleave.
 */
@Service
public class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMMM 'at' HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 4;

    /** The snooze lengths a recipient may pick, in days. */
    public static final Set<Integer> SNOOZE_DAYS = Set.of(1, 7, 30);

    private final InvitationRepository invitations;
    private final ConnectionRepository connections;
    private final MemberRepository members;
    private final NotificationService notifications;
    private final NotificationRepository notificationRows;
    private final NetworkService network;
    private final GraphIndex index;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RapportProperties.Invitations rules;
    private final int connectionCap;
    private final MeterRegistry meters;
    private final BlockService blocks;
    private final PrivacyService privacy;
    private final SharedBackground background;
    private final FollowRepository follows;
    private final ContactRepository contacts;
    private final ApplicationEventPublisher events;
    private final PairLock pairs;
    private final InvitationIntroductions introductionRows;

    public InvitationService(InvitationRepository invitations, ConnectionRepository connections,
                             MemberRepository members, NotificationService notifications,
                             NotificationRepository notificationRows, NetworkService network, GraphIndex index,
                             TransactionTemplate tx, Clock clock, RapportProperties properties, MeterRegistry meters,
                             BlockService blocks, PrivacyService privacy, SharedBackground background,
                             FollowRepository follows, ContactRepository contacts,
            ApplicationEventPublisher events, PairLock pairs, InvitationIntroductions introductionRows) {
        this.pairs = pairs;
        this.introductionRows = introductionRows;
        this.follows = follows;
        this.contacts = contacts;
        this.events = events;
        this.blocks = blocks;
        this.privacy = privacy;
        this.background = background;
        this.invitations = invitations;
        this.connections = connections;
        this.members = members;
        this.notifications = notifications;
        this.notificationRows = notificationRows;
        this.network = network;
        this.index = index;
        this.tx = tx;
        this.clock = clock;
        this.rules = properties.invitations();
        this.connectionCap = properties.connections().cap();
        this.meters = meters;
    }

    /** The note's rules (A1): at most {@code noteMaxLength} characters; blank means no note. */
    public String cleanNote(String raw) {
        ValidationException.Errors errors = new ValidationException.Errors();
        String note = ProfileRules.multiline(raw, "note", "The note", rules.noteMaxLength(), errors);
        errors.throwIfAny();
        return note == null || note.isEmpty() ? null : note;
    }

    /** Invites {@code inviteeId} without giving their e-mail address; see {@link #invite(long, long, String, String)}. */
    public InviteResult invite(long me, long inviteeId, String rawNote) {
        return invite(me, inviteeId, rawNote, null);
    }

    /**
     * Invites {@code inviteeId} to connect (A1). When the invitee had already invited {@code me}, that
     * invitation is accepted instead and the result says so (A4); that costs no quota.
     *
     * <p>Otherwise, in order: a blocked member either way is not found; an existing connection,
     * pending invitation or re-invite cooldown is a conflict; then the quota (B1–B3): the pending
     * cap, the daily and weekly allowance, and, for senders whose invitations were repeatedly
     * reported, the invitee's e-mail address, which {@code email} must match. Finally the
     * invitee's settings (I2, B6) decide whether it reaches their list or their separate list;
     * only the first notifies them. Nothing is written unless every check passes.
     */
    public InviteResult invite(long me, long inviteeId, String rawNote, String email) {
        if (me == inviteeId) {
            throw new CannotInviteYourselfException();
        }
        String note = cleanNote(rawNote);
        InviteResult result = retrying(() -> inviteOnce(me, inviteeId, note, email));
        count(result.connected() ? "accepted" : result.invitation().filtered() ? "filtered" : "sent");
        return result;
    }

    private InviteResult inviteOnce(long me, long inviteeId, String note, String email) {
        pairs.lock(me, inviteeId);
        Instant now = clock.instant();
        Member invitee = members.findById(inviteeId).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, inviteeId);
        if (connections.exists(me, inviteeId)) {
            throw new AlreadyConnectedException(invitee.name());
        }
        invitations.expireDue(me, inviteeId, now);
        Optional<Invitation> live = invitations.findLive(me, inviteeId);
        if (live.isPresent()) {
            Invitation existing = live.get();
            if (existing.senderId() == me) {
                throw new AlreadyInvitedException(invitee.name(), existing.id());
            }
            Invitation accepted = acceptInTransaction(existing, now);
            if (accepted == null) {
                throw new ConcurrentInvitationChange();
            }
            return new InviteResult(accepted, true);
        }
        invitations.lastWithdrawal(me, inviteeId).ifPresent(withdrawnAt -> {
            Instant allowedFrom = withdrawnAt.plus(rules.reinviteCooldown());
            if (now.isBefore(allowedFrom)) {
                throw new ReinviteCooldownException(invitee.name(), allowedFrom);
            }
        });
        checkCaps(me, inviteeId, invitee.name());
        QuotaStatus quota = quota(me, now);
        enforce(quota, now);
        boolean emailMatches = email != null && !email.isBlank()
                && AccountService.normaliseEmail(email).equals(invitee.email());
        if (quota.requiresEmail() && !emailMatches) {
            throw new ValidationException("email", email == null || email.isBlank()
                    ? "To invite " + invitee.firstName() + ", type their e-mail address: several people you invited "
                    + "recently said they don't know you. See your invitation quota for details."
                    : "That is not " + invitee.firstName() + "'s e-mail address.");
        }
        FilterReason filtered = filterFor(me, invitee, note, emailMatches);
        Instant expiresAt = now.atZone(ZoneOffset.UTC).plus(rules.expiry()).toInstant();
        long id = invitations.insert(me, inviteeId, note, now, expiresAt, filtered);
        if (filtered == null) {
            notifications.notify(inviteeId, NotificationKind.INVITATION_RECEIVED, me, id);
        }
        return new InviteResult(invitations.findById(id).orElseThrow(), false);
    }

    /** The first of the invitee's rules (I2, B6) this invitation does not meet, or null when it meets them all. */
    private FilterReason filterFor(long me, Member invitee, String note, boolean emailMatches) {
        PrivacySettings settings = privacy.settings(invitee.id());
        if (!settings.filtersInvitations()) {
            return null;
        }
        switch (settings.invitationsFrom()) {
            case EMAIL_OR_CONTACTS -> {
                if (!emailMatches && !contacts.hasContact(invitee.id(), me)) {
                    return FilterReason.NOT_KNOWN;
                }
            }
            case CONTACTS -> {
                if (!contacts.hasContact(invitee.id(), me)) {
                    return FilterReason.NOT_IN_CONTACTS;
                }
            }
            case ANYONE -> { }
        }
        if (settings.requireNote() && note == null) {
            return FilterReason.NO_NOTE;
        }
        if (settings.secondDegreeOnly() && network.degree(me, invitee.id()) != Degree.SECOND) {
            return FilterReason.NOT_SECOND_DEGREE;
        }
        if (settings.requireShared() && background.between(me, invitee.id()).isEmptyOfPlaces()) {
            return FilterReason.NOTHING_SHARED;
        }
        return null;
    }

    /** Where I stand with my invitation quota (B5). */
    public QuotaStatus quota(long me) {
        return quota(me, clock.instant());
    }

    private QuotaStatus quota(long me, Instant now) {
        RapportProperties.Quota q = rules.quota();
        InvitationRepository.SenderHistory h = invitations.history(me, now.minus(q.window()), q.staleAfter(),
                now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(1)), now);
        // Invitations by e-mail to people who are not members yet count too (E3).
        h = h.plusSent(contacts.emailInvitationsSince(me, now.minus(Duration.ofDays(7))),
                contacts.emailInvitationsSince(me, now.minus(Duration.ofDays(1))));
        InvitationQuota quota = new InvitationQuota(h.accepted(), h.ignored(), h.dontKnow(), h.spam(), h.stale(), q);
        long pending = invitations.countSent(me, now);

        Instant next = null;
        List<String> restrictions = new ArrayList<>();
        if (h.lastWeek() >= quota.weeklyAllowance()) {
            Instant at = (h.oldestLastWeek() == null ? now : h.oldestLastWeek()).plus(Duration.ofDays(7));
            next = at;
            restrictions.add(String.format(Locale.ENGLISH,
                    "You have sent %,d invitations in the last 7 days, your weekly allowance of %,d. "
                            + "You can send the next one on %s.", h.lastWeek(), quota.weeklyAllowance(), DAY_TIME.format(at)));
        }
        if (h.lastDay() >= quota.dailyAllowance()) {
            Instant at = (h.oldestLastDay() == null ? now : h.oldestLastDay()).plus(Duration.ofDays(1));
            next = next == null || at.isAfter(next) ? at : next;
            restrictions.add(String.format(Locale.ENGLISH,
                    "You have sent %,d invitations in the last 24 hours, your daily allowance of %,d. "
                            + "You can send the next one on %s.", h.lastDay(), quota.dailyAllowance(), DAY_TIME.format(at)));
        }
        if (pending >= q.maxPending()) {
            Instant at = invitations.oldestOpenExpiry(me, now).orElse(now);
            next = next == null || at.isAfter(next) ? at : next;
            restrictions.add(String.format(Locale.ENGLISH,
                    "You have %,d invitations waiting for an answer, the most allowed at once. Withdraw some you no "
                            + "longer expect an answer to, or wait for answers.", pending));
        }
        if (quota.requiresEmail()) {
            restrictions.add(String.format(Locale.ENGLISH,
                    "%,d people you invited in the last %d days said they don't know you or reported the invitation as "
                            + "spam. Until more of your invitations are accepted, type the e-mail address of each person "
                            + "you invite.", quota.reports(), q.window().toDays()));
        }
        if (quota.score() <= q.lowScore()) {
            restrictions.add("Your allowance is at its lowest because most of your recent invitations were ignored, "
                    + "reported or left unanswered. Invite people you know well, and add a note that says how.");
        }

        List<String> factors = new ArrayList<>();
        Double rate = quota.acceptanceRate();
        long answered = h.accepted() + h.ignored() + h.dontKnow() + h.spam();
        factors.add(rate == null
                ? "None of the invitations you sent in the last " + q.window().toDays() + " days has been answered yet, "
                        + "so you start in the middle."
                : String.format(Locale.ENGLISH, "%,d of the %,d invitations answered in the last %d days were accepted (%d%%).",
                        h.accepted(), answered, q.window().toDays(), Math.round(rate * 100)));
        if (h.dontKnow() > 0) {
            factors.add(String.format(Locale.ENGLISH, "%,d %s \"I don't know this person\"; each counts like %s ignored invitations.",
                    h.dontKnow(), h.dontKnow() == 1 ? "was marked" : "were marked", trim(q.dontKnowWeight())));
        }
        if (h.spam() > 0) {
            factors.add(String.format(Locale.ENGLISH, "%,d %s reported as spam; each counts like %s ignored invitations.",
                    h.spam(), h.spam() == 1 ? "was" : "were", trim(q.spamWeight())));
        }
        if (h.stale() > 0) {
            factors.add(String.format(Locale.ENGLISH, "%,d went unanswered for more than %d days; each counts like %s of an ignored one.",
                    h.stale(), q.staleAfter().toDays(), trim(q.staleWeight())));
        }

        List<QuotaStatus.Cooldown> cooldowns = new ArrayList<>();
        List<InvitationRepository.Withdrawal> withdrawals = invitations.withdrawalsSince(me, now.minus(rules.reinviteCooldown()));
        Map<Long, MemberSummary> withdrawn = members.findSummaries(withdrawals.stream().map(InvitationRepository.Withdrawal::recipientId).toList());
        // A member hidden from me by a block either way is not named, not even as one I may not invite yet (B4).
        Set<Long> hidden = withdrawals.isEmpty() ? Set.of() : blocks.hiddenFrom(me);
        for (InvitationRepository.Withdrawal w : withdrawals) {
            MemberSummary m = withdrawn.get(w.recipientId());
            if (m != null && !hidden.contains(m.id())) {
                cooldowns.add(new QuotaStatus.Cooldown(m, w.at().plus(rules.reinviteCooldown())));
            }
        }
        return new QuotaStatus(quota, h.lastWeek(), h.lastDay(), pending, q.maxPending(), next, cooldowns, factors,
                restrictions);
    }

    /**
     * Throws the 429 for a limit reached: the pending cap first; otherwise whichever of the daily
     * and weekly allowance binds longer, so that Retry-After is when an invitation can really go.
     */
    private void enforce(QuotaStatus quota, Instant now) {
        if (quota.pending() >= quota.maxPending()) {
            throw new PendingLimitException(quota.pending(), Duration.between(now,
                    quota.nextInvitationAt() == null ? now : quota.nextInvitationAt()));
        }
        boolean week = quota.usedThisWeek() >= quota.weeklyAllowance();
        boolean day = quota.usedToday() >= quota.dailyAllowance();
        if (week || day) {
            Instant next = quota.nextInvitationAt();
            throw week
                    ? new InvitationLimitException(quota.usedThisWeek(), "7 days", next, Duration.between(now, next))
                    : new InvitationLimitException(quota.usedToday(), "24 hours", next, Duration.between(now, next));
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * Accepts an invitation I received (A2). Accepting twice is harmless, even at the same instant:
     * the second returns the first's result.
     */
    public Invitation accept(long me, long invitationId) {
        Invitation result = retrying(() -> {
            Instant now = clock.instant();
            pairs.lock(me, received(me, invitationId).senderId());
            Invitation inv = received(me, invitationId);
            if (inv.status() == InvitationStatus.ACCEPTED) {
                return inv;
            }
            requireOpen(inv, now);
            Invitation accepted = acceptInTransaction(inv, now);
            return accepted != null ? accepted : settled(invitationId, InvitationStatus.ACCEPTED, now);
        });
        count("accepted");
        return result;
    }

    /** Accepts inside the caller's transaction; null when another transaction changed the invitation first. */
    private Invitation acceptInTransaction(Invitation inv, Instant now) {
        checkCaps(inv.recipientId(), inv.senderId(), null);
        Invitation accepted = inv.accept(now);
        if (!invitations.transition(inv, accepted)) {
            return null;
        }
        connections.insert(inv.senderId(), inv.recipientId(), now, inv.id());
        follows.clearPair(inv.senderId(), inv.recipientId()); // connected: both follow each other
        for (FollowChanged e : FollowChanged.both(inv.senderId(), inv.recipientId(), true)) {
            events.publishEvent(e);
        }
        notifications.notify(inv.senderId(), NotificationKind.INVITATION_ACCEPTED, inv.recipientId(), inv.id());
        notificationRows.markReadForInvitation(inv.recipientId(), inv.id(), now);
        index.reconcileAfterCommit(inv.senderId(), inv.recipientId());
        return accepted;
    }

    /**
     * Ignores an invitation I received, silently (A2); a reason ("I don't know this person", spam)
     * is recorded for the sender's limits but never shown to them.
     */
    public Invitation ignore(long me, long invitationId, IgnoreReason reason) {
        Invitation result = retrying(() -> {
            Instant now = clock.instant();
            Invitation inv = received(me, invitationId);
            if (inv.status() == InvitationStatus.IGNORED && reason == null) {
                return inv;
            }
            requirePending(inv, now);
            Invitation ignored = inv.ignore(reason, now);
            if (!invitations.transition(inv, ignored)) {
                return settled(inv.id(), InvitationStatus.IGNORED, now);
            }
            notificationRows.markReadForInvitation(me, inv.id(), now);
            if (reason != null) {
                events.publishEvent(new InvitationReported(inv.id(), me, inv.senderId(), reason));
            }
            return ignored;
        });
        count("ignored");
        return result;
    }

    /** Withdraws an invitation I sent (A3); inviting the same member again waits for the cooldown. */
    public Invitation withdraw(long me, long invitationId) {
        Invitation result = retrying(() -> {
            Instant now = clock.instant();
            Invitation inv = invitations.findById(invitationId)
                    .filter(i -> i.senderId() == me)
                    .filter(this::notHiddenByABlock)
                    .orElseThrow(InvitationNotFoundException::new);
            if (inv.status() == InvitationStatus.WITHDRAWN) {
                return inv;
            }
            requireOpen(inv, now);
            Invitation withdrawn = inv.withdraw(now);
            if (!invitations.transition(inv, withdrawn)) {
                return settled(inv.id(), InvitationStatus.WITHDRAWN, now);
            }
            notificationRows.deleteForInvitation(inv.id(), NotificationKind.INVITATION_RECEIVED);
            return withdrawn;
        });
        count("withdrawn");
        return result;
    }

    /** Hides a received invitation for some days (A8); it comes back by itself. */
    public Invitation snooze(long me, long invitationId, int days) {
        if (!SNOOZE_DAYS.contains(days)) {
            throw new ValidationException("days", "Snooze for 1, 7 or 30 days.");
        }
        return retrying(() -> {
            Instant now = clock.instant();
            Invitation inv = received(me, invitationId);
            requirePending(inv, now);
            Invitation snoozed = inv.snooze(now.plus(Duration.ofDays(days)), now);
            if (!invitations.transition(inv, snoozed)) {
                return settled(inv.id(), InvitationStatus.PENDING, now);
            }
            return snoozed;
        });
    }

    /** An invitation as one of its two members may see it; 404 for anyone else, and for both once either blocked the other. */
    public Invitation get(long me, long invitationId) {
        Invitation inv = invitations.findById(invitationId)
                .filter(i -> i.senderId() == me || i.recipientId() == me)
                .filter(this::notHiddenByABlock)
                .orElseThrow(InvitationNotFoundException::new);
        if (inv.recipientId() == me && inv.status() == InvitationStatus.WITHDRAWN) {
            throw new InvitationNotFoundException();
        }
        return inv;
    }

    public Page<ReceivedInvitation> received(long me, InvitationRepository.ReceivedView view, PageRequest page) {
        Instant now = clock.instant();
        InvitationRepository.Slice slice = invitations.received(me, view, now, page);
        Map<Long, MemberSummary> senders = members.findSummaries(
                slice.items().stream().map(Invitation::senderId).toList());
        Map<Long, IntroducedBy> introduced = introducedBy(me, slice.items().stream().map(Invitation::id).toList());
        List<ReceivedInvitation> items = new ArrayList<>();
        for (Invitation inv : slice.items()) {
            MemberSummary sender = senders.get(inv.senderId());
            if (sender != null) {
                items.add(new ReceivedInvitation(inv, network.card(me, sender), introduced.get(inv.id())));
            }
        }
        return new Page<>(items, slice.nextCursor(), invitations.countReceived(me, view, now));
    }

    /**
     * Who introduced the members of these invitations (H3), as {@code viewer} sees the introducer;
     * an introducer hidden from the viewer by a block is left out.
     */
    public Map<Long, IntroducedBy> introducedBy(long viewer, List<Long> invitationIds) {
        Map<Long, InvitationIntroductions.Row> rows = introductionRows.forInvitations(invitationIds);
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<Long, MemberSummary> introducers = members.findSummaries(
                rows.values().stream().map(InvitationIntroductions.Row::introducerId).distinct().toList());
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        Map<Long, IntroducedBy> out = new java.util.HashMap<>();
        rows.forEach((invitationId, row) -> {
            MemberSummary s = introducers.get(row.introducerId());
            if (s != null && !hidden.contains(s.id())) {
                out.put(invitationId, new IntroducedBy(network.card(viewer, s), row.note()));
            }
        });
        return out;
    }

    public Page<SentInvitation> sent(long me, PageRequest page) {
        Instant now = clock.instant();
        InvitationRepository.Slice slice = invitations.sent(me, now, page);
        Map<Long, MemberSummary> recipients = members.findSummaries(
                slice.items().stream().map(Invitation::recipientId).toList());
        List<SentInvitation> items = new ArrayList<>();
        for (Invitation inv : slice.items()) {
            MemberSummary recipient = recipients.get(inv.recipientId());
            if (recipient != null) {
                items.add(new SentInvitation(inv, network.card(me, recipient)));
            }
        }
        return new Page<>(items, slice.nextCursor(), invitations.countSent(me, now));
    }

    public long receivedCount(long me) {
        return invitations.countReceived(me, InvitationRepository.ReceivedView.ACTIVE, clock.instant());
    }

    /** Invitations my settings kept in the separate list (I2, B6). */
    public long filteredCount(long me) {
        return invitations.countReceived(me, InvitationRepository.ReceivedView.FILTERED, clock.instant());
    }

    public long sentCount(long me) {
        return invitations.countSent(me, clock.instant());
    }

    /** Members kept out of my suggestions, and I out of theirs: open or ignored invitations either way. */
    public Set<Long> suggestionBlockers(long me) {
        return invitations.suggestionBlockers(me, clock.instant());
    }

    /** The open invitation between me and another member, as I may know it. */
    public InvitationRelation relation(long me, long other) {
        if (me == other) {
            return InvitationRelation.NONE;
        }
        Instant now = clock.instant();
        return invitations.findLive(me, other)
                .filter(inv -> inv.isOpen(now))
                .map(inv -> {
                    if (inv.senderId() == me) {
                        return new InvitationRelation(InvitationRelation.Kind.SENT, inv.id());
                    }
                    return inv.status() == InvitationStatus.PENDING
                            ? new InvitationRelation(InvitationRelation.Kind.RECEIVED, inv.id())
                            : InvitationRelation.NONE;
                })
                .orElse(InvitationRelation.NONE);
    }

    /** Marks invitations past their six months as expired (A5). Reads never depend on it having run. */
    public int expireDue() {
        int n = org.rapport.server.system.BackgroundRetry.call("Expiring invitations",
                () -> tx.execute(status -> invitations.expireDue(clock.instant())));
        if (n > 0) {
            log.info("Expired {} invitations", n);
        }
        return n;
    }

    private Invitation received(long me, long invitationId) {
        return invitations.findById(invitationId)
                .filter(i -> i.recipientId() == me && i.status() != InvitationStatus.WITHDRAWN)
                .filter(this::notHiddenByABlock)
                .orElseThrow(InvitationNotFoundException::new);
    }

    /**
     * Whether neither member of the invitation blocked the other. A block hides each from the other
     * everywhere (B4): their invitations, which the block closed, are not found by either, so that
     * no answer shows the other member or acts on what they had.
     */
    private boolean notHiddenByABlock(Invitation inv) {
        return !blocks.hidden(inv.senderId(), inv.recipientId());
    }

    private void checkCaps(long me, long other, String otherName) {
        if (network.connectionCount(me) >= connectionCap) {
            throw new ConnectionLimitException(String.format(Locale.ENGLISH,
                    "You have reached the maximum of %,d connections. Remove some before adding new ones.",
                    connectionCap));
        }
        if (network.connectionCount(other) >= connectionCap) {
            String name = otherName != null ? otherName
                    : members.findById(other).map(Member::name).orElse("This member");
            throw new ConnectionLimitException(String.format(Locale.ENGLISH,
                    "%s has reached the maximum of %,d connections and cannot accept new ones.", name,
                    connectionCap));
        }
    }

    private void requireOpen(Invitation inv, Instant now) {
        if (!inv.isOpen(now)) {
            throw closed(inv, now);
        }
    }

    private void requirePending(Invitation inv, Instant now) {
        if (!inv.isPending(now)) {
            throw closed(inv, now);
        }
    }

    /**
     * After losing a race for an invitation: the winner's result when it is the one this caller
     * wanted too (two accepts, two withdrawals), otherwise a conflict that says what happened.
     */
    private Invitation settled(long invitationId, InvitationStatus wanted, Instant now) {
        Invitation current = invitations.findById(invitationId).orElseThrow(InvitationNotFoundException::new);
        if (current.status() == wanted) {
            return current;
        }
        throw closed(current, now);
    }

    private static InvitationClosedException closed(Invitation inv, Instant now) {
        if (inv.status().isLive() && !now.isBefore(inv.expiresAt())) {
            return new InvitationClosedException("This invitation expired on " + DAY.format(inv.expiresAt()) + ".");
        }
        return new InvitationClosedException(switch (inv.status()) {
            case ACCEPTED -> "This invitation was already accepted: you are connected.";
            case IGNORED -> "This invitation was ignored.";
            case WITHDRAWN -> "This invitation was withdrawn.";
            case EXPIRED -> "This invitation expired on " + DAY.format(inv.expiresAt()) + ".";
            case PENDING -> "This invitation is still pending.";
            case CANCELLED -> "This invitation is no longer available.";
        });
    }

    /**
     * Runs one transaction, again from the start when it lost a race to another transaction
     * (unique index or lock conflict on PostgreSQL); the retry sees the winner's result.
     */
    private <T> T retrying(java.util.function.Supplier<T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> body.get());
            } catch (DataIntegrityViolationException | PessimisticLockingFailureException
                     | ConcurrentInvitationChange e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Invitation transaction lost a race (attempt {}), retrying: {}", attempt, e.getMessage());
            }
        }
    }

    /** The invitation being accepted as part of a crossing changed meanwhile: start again. */
    private static final class ConcurrentInvitationChange extends RuntimeException {
        ConcurrentInvitationChange() {
            super("the crossing invitation changed concurrently", null, false, false);
        }
    }

    private void count(String outcome) {
        Counter.builder("rapport.invitations").tag("outcome", outcome)
                .description("Invitation lifecycle events").register(meters).increment();
    }

    /** Of the invitations {@code ids}, those sent to {@code me} that are still pending (one primary-key lookup each). */
    public java.util.Set<Long> pendingTo(long me, java.util.Collection<Long> ids) {
        java.util.Set<Long> open = new java.util.HashSet<>();
        for (long id : ids) {
            invitations.findById(id)
                    .filter(i -> i.recipientId() == me && i.status() == InvitationStatus.PENDING)
                    .ifPresent(i -> open.add(i.id()));
        }
        return open;
    }
}
