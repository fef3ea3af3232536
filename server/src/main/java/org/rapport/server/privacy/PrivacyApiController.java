package org.rapport.server.privacy;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
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
import org.springframework.web.bind.annotation.RestController;

/** Privacy settings and blocks over the API (B4, B6, I1, I2). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Privacy", description = "Settings and blocks (B4, B6, I1, I2)")
class PrivacyApiController {

    record BlockRequest(String memberId) {
    }

    record BlockedJson(String memberId, String name, Instant blockedAt) {
    }

    private final PrivacyService privacy;
    private final BlockService blocks;

    PrivacyApiController(PrivacyService privacy, BlockService blocks) {
        this.privacy = privacy;
        this.blocks = blocks;
    }

    @GetMapping("/me/settings")
    @Operation(summary = "My privacy settings")
    PrivacySettings settings(@AuthenticationPrincipal MemberPrincipal me) {
        return privacy.settings(me.memberId());
    }

    @PatchMapping("/me/settings")
    @Operation(summary = "Change my privacy settings; fields left out stay as they are",
            description = "connectionsVisibility EVERYONE, CONNECTIONS or ONLY_ME; invitationsFrom ANYONE, "
                    + "EMAIL_OR_CONTACTS or CONTACTS; requireNote, requireShared, secondDegreeOnly (invitations that "
                    + "do not meet them go to a separate list); profileVisibility EVERYONE or NETWORK (out-of-network "
                    + "members see name, headline, location and industry); showAlsoViewed; followPrimary; followersFrom "
                    + "EVERYONE or CONNECTIONS; messagesFrom CONNECTIONS, GROUP_MEMBERS (the default: fellow members of my groups too) or ANYONE "
                    + "(members who are not connections may then send a message request).")
    PrivacySettings update(@AuthenticationPrincipal MemberPrincipal me, @RequestBody PrivacyChanges changes) {
        return privacy.update(me.memberId(), changes);
    }

    @PostMapping("/blocks")
    @Operation(summary = "Block a member",
            description = "Disconnects us, cancels open invitations either way, and hides each of us from the other "
                    + "everywhere (their profile and anything naming them answer 404). 204; blocking twice is harmless.")
    ResponseEntity<Void> block(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) BlockRequest body) {
        if (body == null) {
            throw new ValidationException("memberId", "memberId is required.");
        }
        blocks.block(me.memberId(), org.rapport.server.system.Ids.parseField(body.memberId(), "memberId"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/blocks")
    @Operation(summary = "Members I blocked, most recent first")
    Page<BlockedJson> blocked(@AuthenticationPrincipal MemberPrincipal me,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        return blocks.blocked(me.memberId(), PageRequest.of(limit, cursor))
                .map(b -> new BlockedJson(Long.toString(b.member().id()), b.member().name(), b.blockedAt()));
    }

    @DeleteMapping("/blocks/{memberId}")
    @Operation(summary = "Unblock a member; nothing we had comes back. 204, also when there was no block")
    ResponseEntity<Void> unblock(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId) {
        blocks.unblock(me.memberId(), memberId);
        return ResponseEntity.noContent().build();
    }
}
