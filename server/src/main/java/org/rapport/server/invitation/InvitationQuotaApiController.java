package org.rapport.server.invitation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** My invitation quota over the API (B5). */
@RestController
@Tag(name = "Invitations", description = "Invite, accept, ignore, withdraw, snooze (A1–A8)")
class InvitationQuotaApiController {

    private final InvitationService invitations;

    InvitationQuotaApiController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/api/v1/me/invitation-quota")
    @Operation(summary = "My invitation quota: allowance left this week and today, acceptance rate, pending, "
            + "cooldowns, and why I am restricted if I am")
    InvitationApiController.QuotaJson quota(@AuthenticationPrincipal MemberPrincipal me) {
        return InvitationApiController.quotaJson(invitations.quota(me.memberId()));
    }
}
