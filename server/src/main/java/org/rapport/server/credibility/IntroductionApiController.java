package org.rapport.server.credibility;

import java.net.URI;
import java.time.Instant;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Introductions through a mutual connection over the API (H3). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Introductions", description = "Ask a mutual connection for an introduction; forward or decline (H3)")
class IntroductionApiController {

    record AskRequest(String intermediaryId, String targetId, String reason) {
    }

    record ForwardRequest(String note) {
    }

    record IntroductionJson(String id, IntroductionStatus status, MemberCardJson requester, MemberCardJson intermediary,
                            MemberCardJson target, String reason, String intermediaryNote, String invitationId,
                            Instant createdAt, Instant respondedAt) {
        static IntroductionJson of(IntroductionService.Item item) {
            Introduction i = item.introduction();
            return new IntroductionJson(Long.toString(i.id()), i.status(), MemberCardJson.of(item.requester()),
                    MemberCardJson.of(item.intermediary()), MemberCardJson.of(item.target()), i.reason(),
                    i.intermediaryNote(), i.invitationId() == null ? null : Long.toString(i.invitationId()),
                    i.createdAt(), i.respondedAt());
        }
    }

    record AllowanceJson(int allowance, long used, long remaining, long windowDays, Instant nextAt) {
    }

    private final IntroductionService introductions;

    IntroductionApiController(IntroductionService introductions) {
        this.introductions = introductions;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/introductions")
    @Operation(summary = "Ask a mutual connection to introduce me to a 2nd-degree member",
            description = "{intermediaryId, targetId, reason} (reason required, at most 300 characters; it becomes the "
                    + "invitation's note). 201 PENDING. 403 when the intermediary is not my connection or not the "
                    + "target's; 409 when the target is already my connection, an invitation or a request between us "
                    + "waits; 429 (Retry-After) past my allowance (5 in 30 days by default); 404 across a block.")
    ResponseEntity<IntroductionJson> ask(@AuthenticationPrincipal MemberPrincipal me,
                                         @RequestBody(required = false) AskRequest body) {
        if (body == null) {
            throw new ValidationException("targetId", "intermediaryId, targetId and reason are required.");
        }
        long intermediary = Ids.parseField(body.intermediaryId(), "intermediaryId");
        long target = Ids.parseField(body.targetId(), "targetId");
        Introduction i = introductions.request(me.memberId(), intermediary, target, body.reason());
        return ResponseEntity.created(URI.create("/api/v1/introductions/" + i.id()))
                .body(IntroductionJson.of(introductions.get(me.memberId(), i.id())));
    }

    @GetMapping("/introductions/sent")
    @Operation(summary = "Introductions I asked for, newest first")
    Page<IntroductionJson> sent(@AuthenticationPrincipal MemberPrincipal me,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        return introductions.asked(me.memberId(), PageRequest.of(limit, cursor)).map(IntroductionJson::of);
    }

    @GetMapping("/introductions/received")
    @Operation(summary = "Introductions I was asked to make, newest first")
    Page<IntroductionJson> received(@AuthenticationPrincipal MemberPrincipal me,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        return introductions.toMake(me.memberId(), PageRequest.of(limit, cursor)).map(IntroductionJson::of);
    }

    @GetMapping("/introductions/{id}")
    @Operation(summary = "One introduction I asked for or was asked to make (404 for anyone else)")
    IntroductionJson get(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return IntroductionJson.of(introductions.get(me.memberId(), id));
    }

    @PostMapping("/introductions/{id}/forward")
    @Operation(summary = "The intermediary forwards it, with an optional note (at most 300 characters)",
            description = "The requester's invitation goes to the target, marked introduced by me (introducedBy in the "
                    + "invitations API). 200 FORWARDED; 403 for the requester; 409 once answered or when I am no longer "
                    + "connected to both; 429 when the requester's invitation limit stops it.")
    IntroductionJson forward(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                             @RequestBody(required = false) ForwardRequest body) {
        introductions.forward(me.memberId(), id, body == null ? null : body.note());
        return IntroductionJson.of(introductions.get(me.memberId(), id));
    }

    @PostMapping("/introductions/{id}/decline")
    @Operation(summary = "The intermediary declines it (200 DECLINED); the requester is told")
    IntroductionJson decline(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        introductions.decline(me.memberId(), id);
        return IntroductionJson.of(introductions.get(me.memberId(), id));
    }

    @GetMapping("/me/introduction-allowance")
    @Operation(summary = "How many introductions I may still ask for in the rolling window")
    AllowanceJson allowance(@AuthenticationPrincipal MemberPrincipal me) {
        IntroductionService.Allowance a = introductions.allowance(me.memberId());
        return new AllowanceJson(a.allowance(), a.used(), a.remaining(), a.window().toDays(), a.nextAt());
    }
}
