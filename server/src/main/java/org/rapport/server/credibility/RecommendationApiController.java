package org.rapport.server.credibility;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Ids;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Written recommendations over the API (H2). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Recommendations", description = "Request, write, approve, hide and revise recommendations (H2)")
class RecommendationApiController {

    record WriteRequest(String recipientId, Integer positionIndex, String text) {
    }

    record EditRequest(Integer positionIndex, String text) {
    }

    record AskRequest(String memberId, Integer positionIndex, String note) {
    }

    record NoteRequest(String note) {
    }

    record PositionJson(String company, String title) {
    }

    /**
     * A recommendation. {@code requestNote} and {@code revisionNote} are for its two members only;
     * on a profile ({@code GET /members/{id}/recommendations}) they are null.
     */
    record RecommendationJson(String id, RecommendationStatus status, MemberCardJson author, MemberCardJson recipient,
                              PositionJson position, String text, String requestNote, String revisionNote,
                              Instant createdAt, Instant updatedAt) {
        static RecommendationJson of(RecommendationService.Item item, boolean own) {
            Recommendation r = item.recommendation();
            return new RecommendationJson(Long.toString(r.id()), r.status(),
                    item.author() == null ? null : MemberCardJson.of(item.author()),
                    MemberCardJson.of(item.recipient()), new PositionJson(r.company(), r.title()), r.text(),
                    own ? r.requestNote() : null, own ? r.revisionNote() : null, r.createdAt(), r.updatedAt());
        }
    }

    private final RecommendationService recommendations;

    RecommendationApiController(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/recommendations")
    @Operation(summary = "Write a recommendation for a connection (or rewrite mine)",
            description = "{recipientId, positionIndex?, text} (text at most 3,000 characters; positionIndex: which of "
                    + "their profile's positions, default the one they asked about or their first). It waits for their "
                    + "approval (PENDING). 201; 403 unless we are 1st-degree connections; 400 for bad input; 404 across a block.")
    ResponseEntity<RecommendationJson> write(@AuthenticationPrincipal MemberPrincipal me,
                                             @RequestBody(required = false) WriteRequest body) {
        if (body == null) {
            throw new ValidationException("recipientId", "recipientId is required.");
        }
        long recipient = Ids.parseField(body.recipientId(), "recipientId");
        Recommendation r = recommendations.write(me.memberId(), recipient, body.positionIndex(), body.text());
        return ResponseEntity.created(URI.create("/api/v1/recommendations/" + r.id()))
                .body(RecommendationJson.of(recommendations.get(me.memberId(), r.id()), true));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/recommendations/requests")
    @Operation(summary = "Ask a connection for a recommendation",
            description = "{memberId, positionIndex?, note?} (note at most 500 characters; positionIndex: which of my "
                    + "positions, default my first). 201 REQUESTED; 403 unless we are 1st-degree connections; 409 when "
                    + "I already asked them or they already wrote one; 404 across a block.")
    ResponseEntity<RecommendationJson> ask(@AuthenticationPrincipal MemberPrincipal me,
                                           @RequestBody(required = false) AskRequest body) {
        if (body == null) {
            throw new ValidationException("memberId", "memberId is required.");
        }
        long author = Ids.parseField(body.memberId(), "memberId");
        Recommendation r = recommendations.request(me.memberId(), author, body.positionIndex(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/recommendations/" + r.id()))
                .body(RecommendationJson.of(recommendations.get(me.memberId(), r.id()), true));
    }

    @GetMapping("/recommendations/received")
    @Operation(summary = "Recommendations for me, and my requests, newest change first",
            description = "?status=REQUESTED|PENDING|APPROVED|HIDDEN|REVISION to keep one state.")
    Page<RecommendationJson> received(@AuthenticationPrincipal MemberPrincipal me,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        RecommendationStatus only = null;
        if (status != null && !status.isBlank()) {
            try {
                only = RecommendationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "status must be REQUESTED, PENDING, APPROVED, HIDDEN or REVISION.");
            }
        }
        return recommendations.received(me.memberId(), only, PageRequest.of(limit, cursor))
                .map(i -> RecommendationJson.of(i, true));
    }

    @GetMapping("/recommendations/given")
    @Operation(summary = "Recommendations I wrote, newest change first")
    Page<RecommendationJson> given(@AuthenticationPrincipal MemberPrincipal me,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        return recommendations.given(me.memberId(), PageRequest.of(limit, cursor)).map(i -> RecommendationJson.of(i, true));
    }

    @GetMapping("/recommendations/requests")
    @Operation(summary = "Requests waiting for me to write (or revise) a recommendation")
    Page<RecommendationJson> requests(@AuthenticationPrincipal MemberPrincipal me,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        return recommendations.requests(me.memberId(), PageRequest.of(limit, cursor))
                .map(i -> RecommendationJson.of(i, true));
    }

    @GetMapping("/recommendations/{id}")
    @Operation(summary = "One recommendation I wrote or received (404 for anyone else)")
    RecommendationJson get(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return RecommendationJson.of(recommendations.get(me.memberId(), id), true);
    }

    @PatchMapping("/recommendations/{id}")
    @Operation(summary = "The author writes or edits it ({text, positionIndex?}); it waits for approval again")
    RecommendationJson edit(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                            @RequestBody(required = false) EditRequest body) {
        Recommendation r = recommendations.edit(me.memberId(), id, body == null ? null : body.positionIndex(),
                body == null ? null : body.text());
        return RecommendationJson.of(recommendations.get(me.memberId(), r.id()), true);
    }

    @PostMapping("/recommendations/{id}/approve")
    @Operation(summary = "The recipient approves a PENDING recommendation: it shows on their profile (409 otherwise)")
    RecommendationJson approve(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me, recommendations.approve(me.memberId(), id));
    }

    @PostMapping("/recommendations/{id}/hide")
    @Operation(summary = "The recipient hides an APPROVED recommendation from their profile")
    RecommendationJson hide(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me, recommendations.hide(me.memberId(), id));
    }

    @PostMapping("/recommendations/{id}/show")
    @Operation(summary = "The recipient shows a HIDDEN recommendation again")
    RecommendationJson show(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(me, recommendations.show(me.memberId(), id));
    }

    @PostMapping("/recommendations/{id}/revise")
    @Operation(summary = "The recipient asks the author to revise it ({note}: what to change)",
            description = "It stops showing; the author's next edit sends it back for approval.")
    RecommendationJson revise(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                              @RequestBody(required = false) NoteRequest body) {
        return json(me, recommendations.askRevision(me.memberId(), id, body == null ? null : body.note()));
    }

    @PostMapping("/recommendations/{id}/decline")
    @Operation(summary = "The member asked declines a request (204); the requester is not told")
    ResponseEntity<Void> decline(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        recommendations.decline(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/recommendations/{id}")
    @Operation(summary = "Either member deletes it (204)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        recommendations.delete(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/members/{id}/recommendations")
    @Operation(summary = "A member's approved recommendations, as shown on their profile",
            description = "None for a viewer out of network when the member keeps their profile to their network; 404 "
                    + "across a block. author is null when the member's connections are hidden from me and the author "
                    + "is not my own connection.")
    Page<RecommendationJson> ofMember(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        return recommendations.shown(me.memberId(), id, PageRequest.of(limit, cursor))
                .map(i -> RecommendationJson.of(i, false));
    }

    private RecommendationJson json(MemberPrincipal me, Recommendation r) {
        return RecommendationJson.of(recommendations.get(me.memberId(), r.id()), true);
    }
}
