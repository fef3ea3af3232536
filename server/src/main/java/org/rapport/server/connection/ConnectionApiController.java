package org.rapport.server.connection;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connections over the API (A6, C2, D3). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Connections", description = "Connection lists, mutual connections, removal (A6, C2, D3)")
class ConnectionApiController {

    record ConnectionJson(MemberCardJson member, Instant connectedAt) {
    }

    private final ConnectionService connections;

    ConnectionApiController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/members/{id}/connections")
    @Operation(summary = "A member's connections as I may see them",
            description = "sort: recent (default), first_name, last_name. Filters match parts of names, "
                    + "ignoring case. 403 when the member's setting hides their connections from me.")
    Page<ConnectionJson> connections(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String location,
                                     @RequestParam(required = false) String company,
                                     @RequestParam(required = false) String school,
                                     @RequestParam(required = false) String industry,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return connections.list(me.memberId(), id, ConnectionSort.parse(sort),
                        new ConnectionFilter(q, location, company, school, industry), PageRequest.of(limit, cursor))
                .map(c -> new ConnectionJson(MemberCardJson.of(c.member()), c.connectedAt()));
    }

    @Budgeted(ReadBudget.MUTUAL)
    @GetMapping("/members/{id}/mutual-connections")
    @Operation(summary = "The connections I share with a member, by name")
    Page<MemberCardJson> mutual(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        return connections.mutual(me.memberId(), id, PageRequest.of(limit, cursor)).map(MemberCardJson::of);
    }

    @DeleteMapping("/connections/{memberId}")
    @Operation(summary = "Remove a connection, silently (they are not told)")
    ResponseEntity<Void> remove(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId) {
        connections.remove(me.memberId(), memberId);
        return ResponseEntity.noContent().build();
    }
}
