package org.rapport.server.connection;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Ids;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** My VIPs over the API (F3). */
@RestController
@RequestMapping("/api/v1/me/vips")
@Tag(name = "Connections", description = "Connection lists, mutual connections, removal (A6, C2, D3)")
class VipApiController {

    record VipsRequest(List<String> memberIds) {
    }

    record VipRequest(String memberId) {
    }

    record VipsJson(List<MemberCardJson> items) {
    }

    private final VipService vips;

    VipApiController(VipService vips) {
        this.vips = vips;
    }

    @GetMapping
    @Operation(summary = "My VIPs, in my order")
    VipsJson list(@AuthenticationPrincipal MemberPrincipal me) {
        return json(vips.mine(me.memberId()));
    }

    @PutMapping
    @Operation(summary = "Replace my VIPs: connections only, at most 10, in the order given")
    VipsJson replace(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) VipsRequest body) {
        if (body == null || body.memberIds() == null) {
            throw new ValidationException("memberIds", "memberIds is required (an empty list unpins everyone).");
        }
        return json(vips.replace(me.memberId(), body.memberIds().stream()
                .map(id -> Ids.parseField(id, "memberIds")).toList()));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Pin a connection as a VIP (last in order); 201")
    VipsJson pin(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) VipRequest body) {
        if (body == null) {
            throw new ValidationException("memberId", "memberId is required.");
        }
        return json(vips.pin(me.memberId(), Ids.parseField(body.memberId(), "memberId")));
    }

    @DeleteMapping("/{memberId}")
    @Operation(summary = "Unpin a VIP")
    ResponseEntity<Void> unpin(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId) {
        vips.unpin(me.memberId(), memberId);
        return ResponseEntity.noContent().build();
    }

    private static VipsJson json(List<org.rapport.server.network.MemberCard> cards) {
        return new VipsJson(cards.stream().map(MemberCardJson::of).toList());
    }
}
