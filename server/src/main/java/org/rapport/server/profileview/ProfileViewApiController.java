package org.rapport.server.profileview;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.Page;
import org.rapport.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People Also Viewed and who viewed my profile over the API (C7, C8). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Profile views", description = "Who viewed my profile, and People Also Viewed (C7, C8)")
class ProfileViewApiController {

    record AlsoViewedJson(MemberCardJson member, ProfileViewService.AlsoViewed.Kind kind, String detail) {
    }

    record WeekJson(Instant weekStart, int views) {
    }

    record StatsJson(long viewers, int windowDays, List<WeekJson> weeks, List<MemberCardJson> recentViewers) {
    }

    private final ProfileViewService views;

    ProfileViewApiController(ProfileViewService views) {
        this.views = views;
    }

    @Budgeted(ReadBudget.ALSO_VIEWED)
    @GetMapping("/members/{id}/also-viewed")
    @Operation(summary = "People Also Viewed on a member's profile",
            description = "The member's newest connections (when I may see their connections), then the profiles "
                    + "their recent viewers also viewed. Empty when the member turned the module off. limit 1–20, default 8.")
    Page<AlsoViewedJson> alsoViewed(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                    @RequestParam(required = false) Integer limit) {
        int n = limit == null ? 8 : limit;
        if (n < 1 || n > 20) {
            throw new ValidationException("limit", "limit must be between 1 and 20.");
        }
        return new Page<>(views.alsoViewed(me.memberId(), id, n).stream()
                .map(a -> new AlsoViewedJson(MemberCardJson.of(a.card()), a.kind(), a.detail())).toList(), null, null);
    }

    @GetMapping("/me/profile-views")
    @Operation(summary = "Who viewed my profile: distinct viewers in the last 90 days, views per week for 12 weeks, recent viewers")
    StatsJson profileViews(@AuthenticationPrincipal MemberPrincipal me) {
        ProfileViewService.Stats stats = views.stats(me.memberId(), 10);
        return new StatsJson(stats.viewers(), stats.windowDays(),
                stats.weeks().stream().map(w -> new WeekJson(w.start(), w.views())).toList(),
                stats.recentViewers().stream().map(MemberCardJson::of).toList());
    }
}
