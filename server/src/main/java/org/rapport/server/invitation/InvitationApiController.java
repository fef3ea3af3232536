package org.rapport.server.invitation;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.Ids;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Invitations over the API (A1–A5, A8). Only the two members of an invitation can see or act on it. */
@RestController
@RequestMapping("/api/v1/invitations")
@Tag(name = "Invitations", description = "Invite, accept, ignore, withdraw, snooze (A1–A8)")
class InvitationApiController {

    /** {@code email}: the invitee's e-mail address, required of senders whose invitations were repeatedly reported, and a way past an invitee's "people who know my e-mail" setting. */
    record InviteRequest(String inviteeId, String note, String email) {
    }

    record IgnoreRequest(String reason) {
    }

    record SnoozeRequest(Integer days) {
    }

    /**
     * An invitation as the caller may see it. The sender sees an ignored invitation as PENDING;
     * {@code snoozedUntil} and {@code ignoreReason} are for the recipient's eyes only.
     */
    record InvitationJson(String id, InvitationStatus status, MemberCardJson sender, MemberCardJson recipient,
                          String note, Instant createdAt, Instant expiresAt, Instant snoozedUntil,
                          IgnoreReason ignoreReason, FilterReason filteredReason, boolean connected,
                          IntroducedByJson introducedBy) {
    }

    /** The member who introduced the two (H3) and the note they added; the requester's reason is {@code note}. */
    record IntroducedByJson(MemberCardJson member, String note) {
        static IntroducedByJson of(IntroducedBy by) {
            return by == null ? null : new IntroducedByJson(MemberCardJson.of(by.introducer()), by.note());
        }
    }

    /** A member I may not invite again until {@code until}. */
    record CooldownJson(String memberId, String name, Instant until) {
    }

    /** Where I stand with my invitation quota (B5). */
    record QuotaJson(int weeklyAllowance, long usedThisWeek, long remainingThisWeek, int dailyAllowance,
                     long usedToday, long remainingToday, long pending, int maxPending, Double acceptanceRate,
                     double score, long accepted, long ignored, long dontKnow, long spam, long unanswered,
                     boolean requiresEmail, Instant nextInvitationAt, List<CooldownJson> cooldowns,
                     List<String> factors, List<String> restrictions) {
    }

    private final InvitationService invitations;
    private final MemberRepository members;
    private final NetworkService network;

    InvitationApiController(InvitationService invitations, MemberRepository members, NetworkService network) {
        this.invitations = invitations;
        this.members = members;
        this.network = network;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Invite a member to connect, with an optional note (at most 300 characters)",
            description = "201 PENDING; or 201 ACCEPTED when they had already invited me (we are now connected). "
                    + "409 for myself, an existing connection, a pending invitation or a recent withdrawal; "
                    + "400 when an e-mail address is required and missing or wrong; 404 for a member who does not exist "
                    + "or with whom a block stands; 429 (with Retry-After) past the pending cap or the daily or weekly "
                    + "allowance: see GET /api/v1/me/invitation-quota.")
    ResponseEntity<InvitationJson> invite(@AuthenticationPrincipal MemberPrincipal me,
                                          @RequestBody(required = false) InviteRequest body) {
        if (body == null) {
            throw new ValidationException("inviteeId", "inviteeId is required.");
        }
        long invitee = Ids.parseField(body.inviteeId(), "inviteeId");
        InviteResult result = invitations.invite(me.memberId(), invitee, body.note(), body.email());
        Invitation inv = result.invitation();
        return ResponseEntity.created(URI.create("/api/v1/invitations/" + inv.id())).body(json(me.memberId(), inv));
    }

    @GetMapping("/received")
    @Operation(summary = "Pending invitations I received, newest first",
            description = "snoozed=true lists the snoozed ones; filtered=true those my settings kept apart, "
                    + "each with the rule it did not meet (filteredReason).")
    Page<InvitationJson> received(@AuthenticationPrincipal MemberPrincipal me,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(defaultValue = "false") boolean snoozed,
                                  @RequestParam(defaultValue = "false") boolean filtered) {
        if (snoozed && filtered) {
            throw new ValidationException("filtered", "Ask for snoozed or filtered invitations, not both.");
        }
        var view = filtered ? InvitationRepository.ReceivedView.FILTERED
                : snoozed ? InvitationRepository.ReceivedView.SNOOZED : InvitationRepository.ReceivedView.ACTIVE;
        return invitations.received(me.memberId(), view, PageRequest.of(limit, cursor))
                .map(r -> json(me.memberId(), r.invitation(), MemberCardJson.of(r.sender()), null,
                        r.introducedBy()));
    }

    @GetMapping("/sent")
    @Operation(summary = "Pending invitations I sent, newest first, each with when it expires")
    Page<InvitationJson> sent(@AuthenticationPrincipal MemberPrincipal me,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        Page<SentInvitation> page = invitations.sent(me.memberId(), PageRequest.of(limit, cursor));
        var introduced = invitations.introducedBy(me.memberId(),
                page.items().stream().map(s -> s.invitation().id()).toList());
        return page.map(s -> json(me.memberId(), s.invitation(), null, MemberCardJson.of(s.recipient()),
                introduced.get(s.invitation().id())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of my invitations")
    InvitationJson get(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me.memberId(), invitations.get(me.memberId(), id));
    }

    @PostMapping("/{id}/accept")
    @Operation(summary = "Accept an invitation I received: we are connected")
    InvitationJson accept(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me.memberId(), invitations.accept(me.memberId(), id));
    }

    @PostMapping("/{id}/ignore")
    @Operation(summary = "Ignore an invitation I received, silently; reason DONT_KNOW or SPAM is optional")
    InvitationJson ignore(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                          @RequestBody(required = false) IgnoreRequest body) {
        IgnoreReason reason = null;
        if (body != null && body.reason() != null && !body.reason().isBlank()) {
            try {
                reason = IgnoreReason.valueOf(body.reason().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("reason", "reason must be DONT_KNOW or SPAM.");
            }
        }
        return json(me.memberId(), invitations.ignore(me.memberId(), id, reason));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw an invitation I sent; inviting that member again waits three weeks")
    InvitationJson withdraw(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me.memberId(), invitations.withdraw(me.memberId(), id));
    }

    @PostMapping("/{id}/snooze")
    @Operation(summary = "Hide an invitation I received for 1, 7 or 30 days (default 7)")
    InvitationJson snooze(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                          @RequestBody(required = false) SnoozeRequest body) {
        int days = body == null || body.days() == null ? 7 : body.days();
        return json(me.memberId(), invitations.snooze(me.memberId(), id, days));
    }

    private InvitationJson json(long me, Invitation inv) {
        var cards = members.findSummaries(java.util.List.of(inv.senderId(), inv.recipientId()));
        MemberCardJson sender = cards.containsKey(inv.senderId())
                ? MemberCardJson.of(network.card(me, cards.get(inv.senderId()))) : null;
        MemberCardJson recipient = cards.containsKey(inv.recipientId())
                ? MemberCardJson.of(network.card(me, cards.get(inv.recipientId()))) : null;
        return json(me, inv, sender, recipient, invitations.introducedBy(me, List.of(inv.id())).get(inv.id()));
    }

    private static InvitationJson json(long me, Invitation inv, MemberCardJson sender, MemberCardJson recipient,
                                       IntroducedBy introducedBy) {
        boolean recipientView = inv.recipientId() == me;
        return new InvitationJson(Long.toString(inv.id()), inv.statusFor(me), sender, recipient, inv.note(),
                inv.createdAt(), inv.expiresAt(), recipientView ? inv.snoozedUntil() : null,
                recipientView ? inv.ignoreReason() : null, recipientView ? inv.filteredReason() : null,
                inv.status() == InvitationStatus.ACCEPTED, IntroducedByJson.of(introducedBy));
    }

    static QuotaJson quotaJson(QuotaStatus q) {
        InvitationQuota f = q.quota();
        return new QuotaJson(q.weeklyAllowance(), q.usedThisWeek(), q.remainingThisWeek(), q.dailyAllowance(),
                q.usedToday(), q.remainingToday(), q.pending(), q.maxPending(), f.acceptanceRate(),
                Math.round(f.score() * 1000) / 1000.0, f.accepted(), f.ignored(), f.dontKnow(), f.spam(), f.stale(),
                q.requiresEmail(), q.nextInvitationAt(),
                q.cooldowns().stream().map(c -> new CooldownJson(Long.toString(c.member().id()), c.member().name(),
                        c.until())).toList(),
                q.factors(), q.restrictions());
    }
}
