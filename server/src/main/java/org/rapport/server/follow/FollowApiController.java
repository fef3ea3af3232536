package org.rapport.server.follow;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Following over the API (F1). */
@RestController
@RequestMapping("/api/v1/members/{id}")
@Tag(name = "Following", description = "Follow without connecting; followers and following (F1)")
class FollowApiController {

    record FollowJson(MemberCardJson member, Instant since) {
    }

    private final FollowService follows;

    FollowApiController(FollowService follows) {
        this.follows = follows;
    }

    @Budgeted(ReadBudget.FOLLOW)
    @PostMapping("/follow")
    @Operation(summary = "Follow a member", description = "204; following twice is harmless. 403 when they "
            + "accept followers only from their connections; 404 for a member who does not exist or with a block.")
    ResponseEntity<Void> follow(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        follows.follow(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @Budgeted(ReadBudget.FOLLOW)
    @DeleteMapping("/follow")
    @Operation(summary = "Stop following a member (connected or not); 204 also when not following")
    ResponseEntity<Void> unfollow(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        follows.unfollow(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/followers")
    @Operation(summary = "Who follows a member, most recent first; shown to whom their connections are shown")
    Page<FollowJson> followers(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        return follows.followers(me.memberId(), id, PageRequest.of(limit, cursor))
                .map(e -> new FollowJson(MemberCardJson.of(e.member()), e.since()));
    }

    @GetMapping("/following")
    @Operation(summary = "Whom a member follows, most recent first; shown to whom their connections are shown")
    Page<FollowJson> following(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        return follows.following(me.memberId(), id, PageRequest.of(limit, cursor))
                .map(e -> new FollowJson(MemberCardJson.of(e.member()), e.since()));
    }
}
