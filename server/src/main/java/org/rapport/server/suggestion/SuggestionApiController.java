package org.rapport.server.suggestion;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People You May Know over the API (C5, C6). */
@RestController
@RequestMapping("/api/v1/suggestions")
@Tag(name = "Suggestions", description = "People You May Know, with the reasons behind each (C5, C6)")
class SuggestionApiController {

    record ReasonMember(String id, String name) {
    }

    record ReasonJson(Reason.Kind kind, String detail, List<ReasonMember> members) {
        static ReasonJson of(Reason r) {
            return new ReasonJson(r.kind(), r.detail(), r.members().stream()
                    .map(m -> new ReasonMember(Long.toString(m.id()), m.name())).toList());
        }
    }

    record SuggestionJson(MemberCardJson member, double score, List<ReasonJson> reasons) {
    }

    private final SuggestionService suggestions;

    SuggestionApiController(SuggestionService suggestions) {
        this.suggestions = suggestions;
    }

    @GetMapping
    @Operation(summary = "People I may know, best first",
            description = "Ranked by mutual connections (Adamic–Adar: shared hubs count less), colleagues whose "
                    + "years overlapped, classmates, industry and location. Excludes my connections, open or ignored "
                    + "invitations either way and dismissed members. limit 1–100 (default 20); the list is ranked, "
                    + "not paged: nextCursor is always null.")
    Page<SuggestionJson> suggestions(@AuthenticationPrincipal MemberPrincipal me,
                                     @RequestParam(required = false) Integer limit) {
        List<SuggestionJson> items = suggestions.suggest(me.memberId(), limit == null ? 20 : limit).stream()
                .map(s -> new SuggestionJson(MemberCardJson.of(s.card()), s.score(),
                        s.reasons().stream().map(ReasonJson::of).toList()))
                .toList();
        return new Page<>(items, null, null);
    }

    @PostMapping("/{memberId}/dismiss")
    @Operation(summary = "Do not suggest this member to me again")
    ResponseEntity<Void> dismiss(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId) {
        suggestions.dismiss(me.memberId(), memberId);
        return ResponseEntity.noContent().build();
    }
}
