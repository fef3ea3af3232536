package org.rapport.server.follow;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Follow and unfollow buttons, and the follower and following lists. */
@PageController
class FollowPageController {

    private final FollowService follows;
    private final MemberRepository members;

    FollowPageController(FollowService follows, MemberRepository members) {
        this.follows = follows;
        this.members = members;
    }

    @Budgeted(ReadBudget.FOLLOW)
    @PostMapping("/members/{id}/follow")
    String follow(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String back, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        String message;
        boolean ok = true;
        try {
            follows.follow(me.memberId(), id);
            message = "Following";
        } catch (RapportException e) {
            if (!Redirects.isHtmx(request)) {
                throw e;
            }
            message = e.detail();
            ok = false;
        }
        return done(request, model, redirect, id, back, message, ok, ok);
    }

    @Budgeted(ReadBudget.FOLLOW)
    @PostMapping("/members/{id}/unfollow")
    String unfollow(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                    @RequestParam(required = false) String back, HttpServletRequest request, Model model,
                    RedirectAttributes redirect) {
        follows.unfollow(me.memberId(), id);
        return done(request, model, redirect, id, back, "You no longer follow them.", true, false);
    }

    private String done(HttpServletRequest request, Model model, RedirectAttributes redirect, long id, String back,
                        String message, boolean ok, boolean following) {
        if (Redirects.isHtmx(request)) {
            model.addAttribute("memberId", id);
            model.addAttribute("following", following);
            model.addAttribute("message", ok ? null : message);
            return "fragments/follow-button";
        }
        redirect.addFlashAttribute("flash", following ? "You follow them now: their updates reach your feed." : message);
        return "redirect:" + Redirects.localOr(back, "/members/" + id);
    }

    @GetMapping("/members/{id}/followers")
    String followers(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     @RequestParam(required = false) String cursor, Model model) {
        return list(me, id, cursor, model, true);
    }

    @GetMapping("/members/{id}/following")
    String following(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     @RequestParam(required = false) String cursor, Model model) {
        return list(me, id, cursor, model, false);
    }

    private String list(MemberPrincipal me, long id, String cursor, Model model, boolean followers) {
        var owner = members.findById(id).orElseThrow(MemberNotFoundException::new);
        PageRequest page = new PageRequest(20, cursor);
        model.addAttribute("owner", owner);
        model.addAttribute("followers", followers);
        model.addAttribute("page", followers ? follows.followers(me.memberId(), id, page)
                : follows.following(me.memberId(), id, page));
        return "pages/follows";
    }
}
