package org.rapport.server.network;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.ProfileVisibility;
import org.rapport.server.privacy.ReadBudget;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Network answers over the API: my network size (C4) and the chain to another member (C3). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Network", description = "Degrees, network size and paths (C1–C4)")
class NetworkApiController {

    record NetworkSizeJson(long first, long second, long third) {
    }

    record SharedJson(List<String> groups, List<String> schools, List<String> companies, List<String> interests) {
    }

    /**
     * {@code path}: from me to them; {@code elided} when the chain runs on, between the last two
     * entries, through connections of the one before that are not shown to me.
     */
    record PathJson(Degree degree, List<MemberCardJson> path, boolean elided, SharedJson shared) {
    }

    private final NetworkService network;
    private final MemberRepository members;
    private final SharedBackground background;
    private final BlockService blocks;
    private final PrivacyService privacy;

    NetworkApiController(NetworkService network, MemberRepository members, SharedBackground background,
                         BlockService blocks, PrivacyService privacy) {
        this.blocks = blocks;
        this.privacy = privacy;
        this.network = network;
        this.members = members;
        this.background = background;
    }

    @GetMapping("/me/network")
    @Operation(summary = "How many members are 1st, 2nd and 3rd degree from me")
    NetworkSizeJson networkSize(@AuthenticationPrincipal MemberPrincipal me) {
        var size = network.networkSize(me.memberId());
        return new NetworkSizeJson(size.first(), size.second(), size.third());
    }

    @Budgeted(ReadBudget.PATH)
    @GetMapping("/members/{id}/path")
    @Operation(summary = "The shortest chain of members from me to them (up to 6 hops) and what we share")
    PathJson path(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        if (!members.exists(id)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(me.memberId(), id);
        NetworkService.Chain chain = network.path(me.memberId(), id);
        List<Long> list = new ArrayList<>(chain.shown().length);
        for (long v : chain.shown()) {
            list.add(v);
        }
        // A chain through a member hidden from me by a block is not shown.
        java.util.Set<Long> hidden = blocks.hiddenFrom(me.memberId());
        List<MemberCardJson> path = list.stream().anyMatch(hidden::contains) ? List.of()
                : network.cardsFor(me.memberId(), list).stream().map(MemberCardJson::of).toList();
        Degree degree = network.degree(me.memberId(), id);
        // Out of the member's network, a profile kept to the network shows no schools, companies or
        // interests, so neither does what we would share (as on the profile itself).
        boolean limited = degree == Degree.OUT_OF_NETWORK
                && privacy.settings(id).profileVisibility() == ProfileVisibility.NETWORK;
        SharedBackground.Shared shared = limited
                ? new SharedBackground.Shared(List.of(), List.of(), List.of())
                : background.between(me.memberId(), id);
        return new PathJson(degree, path, chain.elided() && !path.isEmpty(),
                new SharedJson(shared.groups(), shared.schools(), shared.companies(), shared.interests()));
    }
}
