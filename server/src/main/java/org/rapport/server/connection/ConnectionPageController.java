package org.rapport.server.connection;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.account.MemberPrincipal;
import java.util.List;

import org.rapport.server.member.Member;
import org.rapport.server.network.MemberCard;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.PageRequest;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Connections pages: mine, another member's (as privacy allows), mutual ones; removal. */
@PageController
class ConnectionPageController {

    private final ConnectionService connections;
    private final MemberRepository members;
    private final VipService vips;

    private final ConnectionFilterValues filterValues;

    ConnectionPageController(ConnectionService connections, MemberRepository members, VipService vips,
                             ConnectionFilterValues filterValues) {
        this.filterValues = filterValues;
        this.connections = connections;
        this.members = members;
        this.vips = vips;
    }

    @GetMapping("/connections")
    String mine(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String q, @RequestParam(required = false) String location,
                @RequestParam(required = false) String company, @RequestParam(required = false) String school,
                @RequestParam(required = false) String industry, @RequestParam(required = false) String cursor,
                Model model) {
        model.addAttribute("values", filterValues.of(me.memberId()));
        return list(me, me.memberId(), sort, q, location, company, school, industry, cursor, model);
    }

    @GetMapping("/members/{id}/connections")
    String theirs(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String sort, @RequestParam(required = false) String q,
                  @RequestParam(required = false) String location, @RequestParam(required = false) String company,
                  @RequestParam(required = false) String school, @RequestParam(required = false) String industry,
                  @RequestParam(required = false) String cursor, Model model) {
        return list(me, id, sort, q, location, company, school, industry, cursor, model);
    }

    private String list(MemberPrincipal me, long owner, String sort, String q, String location, String company,
                        String school, String industry, String cursor, Model model) {
        Member member = members.findById(owner).orElseThrow(MemberNotFoundException::new);
        ConnectionSort order = ConnectionSort.parse(sort);
        ConnectionFilter filter = new ConnectionFilter(q, location, company, school, industry);
        model.addAttribute("owner", member);
        model.addAttribute("mine", owner == me.memberId());
        model.addAttribute("sort", order.param());
        model.addAttribute("filter", filter);
        model.addAttribute("page", connections.list(me.memberId(), owner, order, filter, PageRequest.of(20, cursor)));
        List<MemberCard> pinned = owner == me.memberId() ? vips.mine(owner) : vips.showcase(me.memberId(), owner);
        model.addAttribute("vips", pinned);
        model.addAttribute("vipIds", pinned.stream().map(c -> c.member().id()).collect(java.util.stream.Collectors.toSet()));
        return "pages/connections";
    }

    @Budgeted(ReadBudget.MUTUAL)
    @GetMapping("/members/{id}/mutual")
    String mutual(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("other", members.findById(id).orElseThrow(MemberNotFoundException::new));
        model.addAttribute("page", connections.mutual(me.memberId(), id, PageRequest.of(20, cursor)));
        return "pages/mutual";
    }

    @PostMapping("/connections/{id}/remove")
    String remove(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String back, HttpServletRequest request,
                  RedirectAttributes redirect) {
        String name = members.findById(id).map(Member::name).orElse("This member");
        connections.remove(me.memberId(), id);
        redirect.addFlashAttribute("flash", name + " was removed from your connections.");
        return "redirect:" + Redirects.localOr(back, "/connections");
    }

    @PostMapping("/members/{id}/pin")
    String pin(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
               @RequestParam(required = false) String back, RedirectAttributes redirect) {
        vips.pin(me.memberId(), id);
        redirect.addFlashAttribute("flash", "Pinned as a VIP: first on your connections list and on your profile.");
        return "redirect:" + Redirects.localOr(back, "/members/" + id);
    }

    @PostMapping("/members/{id}/unpin")
    String unpin(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                 @RequestParam(required = false) String back, RedirectAttributes redirect) {
        vips.unpin(me.memberId(), id);
        redirect.addFlashAttribute("flash", "No longer a VIP.");
        return "redirect:" + Redirects.localOr(back, "/members/" + id);
    }
}
