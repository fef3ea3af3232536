package org.rapport.server.invitation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.InvitationsFrom;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The invite dialog, My Network (received, sent and snoozed invitations) and the invitation
 * actions. Every action is a plain form post that redirects back; htmx requests get the
 * replacement fragment instead.
 */
@PageController
class InvitationPageController {

    private final InvitationService invitations;
    private final MemberRepository members;
    private final NetworkService network;
    private final PrivacyService privacy;

    private final org.rapport.server.privacy.VisibilityPolicy visibility;

    InvitationPageController(InvitationService invitations, MemberRepository members, NetworkService network,
                             PrivacyService privacy, org.rapport.server.privacy.VisibilityPolicy visibility) {
        this.visibility = visibility;
        this.privacy = privacy;
        this.invitations = invitations;
        this.members = members;
        this.network = network;
    }

    @GetMapping("/members/{id}/invite")
    String inviteForm(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model) {
        // A member hidden by a block either way does not exist for me here either (issue 15).
        visibility.requireVisible(me.memberId(), id);
        var member = members.findById(id).orElseThrow(MemberNotFoundException::new);
        Degree degree = network.degree(me.memberId(), id);
        if (degree == Degree.SELF || degree == Degree.FIRST) {
            return "redirect:/members/" + id;
        }
        model.addAttribute("card", network.card(me.memberId(), member.summary()));
        model.addAttribute("relation", invitations.relation(me.memberId(), id));
        model.addAttribute("note", "");
        model.addAttribute("maxNote", 300);
        model.addAttribute("askEmail", asksEmail(me.memberId(), id));
        return "pages/invite";
    }

    /**
     * Whether the invite form offers an e-mail field: when my quota requires it, or when the
     * invitee only takes invitations from people who know their address.
     */
    private boolean asksEmail(long me, long invitee) {
        return invitations.quota(me).requiresEmail()
                || privacy.settings(invitee).invitationsFrom() == InvitationsFrom.EMAIL_OR_CONTACTS;
    }

    @GetMapping("/network/quota")
    String quota(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("quota", invitations.quota(me.memberId()));
        return "pages/quota";
    }

    @PostMapping("/invitations")
    String invite(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String inviteeId,
                  @RequestParam(required = false) String note, @RequestParam(required = false) String email,
                  @RequestParam(required = false) String back,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        long id;
        try {
            id = Long.parseLong(inviteeId.strip());
        } catch (NumberFormatException e) {
            throw new MemberNotFoundException();
        }
        boolean htmx = Redirects.isHtmx(request);
        try {
            InviteResult result = invitations.invite(me.memberId(), id, note, email);
            String name = members.findById(id).map(m -> m.name()).orElse("them");
            String message = result.connected()
                    ? "You and " + name + " are now connected: they had invited you too."
                    : "Invitation sent to " + name + ".";
            if (htmx) {
                model.addAttribute("message", result.connected() ? "Connected" : "Pending");
                return "fragments/invite-sent";
            }
            redirect.addFlashAttribute("flash", message);
            return "redirect:" + Redirects.localOr(back, "/members/" + id);
        } catch (RapportException e) {
            if (e instanceof RateLimitException r) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
            }
            if (htmx) {
                model.addAttribute("message", e.detail());
                model.addAttribute("ok", false);
                return "fragments/invite-sent";
            }
            response.setStatus(e.status());
            var member = members.findById(id).orElseThrow(MemberNotFoundException::new);
            model.addAttribute("card", network.card(me.memberId(), member.summary()));
            model.addAttribute("relation", invitations.relation(me.memberId(), id));
            model.addAttribute("note", note == null ? "" : note);
            model.addAttribute("maxNote", 300);
            model.addAttribute("email", email == null ? "" : email);
            model.addAttribute("askEmail", asksEmail(me.memberId(), id)
                    || e instanceof ValidationException v && v.messageFor("email") != null);
            model.addAttribute("error", e instanceof ValidationException v && v.messageFor("note") != null
                    ? v.messageFor("note")
                    : e instanceof ValidationException v && v.messageFor("email") != null ? v.messageFor("email") : e.detail());
            model.addAttribute("quotaLimited", e instanceof RateLimitException);
            return "pages/invite";
        }
    }

    @PostMapping("/invitations/{id}/accept")
    String accept(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String back, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        return act(request, model, redirect, back, id, () -> {
            Invitation inv = invitations.accept(me.memberId(), id);
            String name = members.findById(inv.senderId()).map(m -> m.name()).orElse("them");
            return "You and " + name + " are now connected.";
        });
    }

    @PostMapping("/invitations/{id}/ignore")
    String ignore(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        IgnoreReason why = reason == null || reason.isBlank() ? null : switch (reason) {
            case "DONT_KNOW" -> IgnoreReason.DONT_KNOW;
            case "SPAM" -> IgnoreReason.SPAM;
            default -> throw new ValidationException("reason", "Choose why you ignore this invitation.");
        };
        return act(request, model, redirect, back, id, () -> {
            invitations.ignore(me.memberId(), id, why);
            return why == IgnoreReason.SPAM ? "Invitation ignored and reported as spam."
                    : why == IgnoreReason.DONT_KNOW ? "Invitation ignored. Thanks for telling us you don't know them."
                    : "Invitation ignored.";
        });
    }

    @PostMapping("/invitations/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                    @RequestParam(required = false) String back, HttpServletRequest request, Model model,
                    RedirectAttributes redirect) {
        return act(request, model, redirect, back, id, () -> {
            invitations.withdraw(me.memberId(), id);
            return "Invitation withdrawn. You can invite them again in three weeks.";
        });
    }

    @PostMapping("/invitations/{id}/snooze")
    String snooze(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(defaultValue = "7") int days, @RequestParam(required = false) String back,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(request, model, redirect, back, id, () -> {
            Invitation inv = invitations.snooze(me.memberId(), id, days);
            return "Snoozed until " + org.rapport.server.web.Dates.date(inv.snoozedUntil()) + ".";
        });
    }

    private String act(HttpServletRequest request, Model model, RedirectAttributes redirect, String back,
                       long invitationId, java.util.function.Supplier<String> action) {
        boolean htmx = Redirects.isHtmx(request);
        String message;
        try {
            message = action.get();
        } catch (RapportException e) {
            if (!htmx) {
                throw e;
            }
            message = e.detail();
        }
        if (htmx) {
            model.addAttribute("invitationId", invitationId);
            model.addAttribute("message", message);
            return "fragments/invitation-done";
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:" + Redirects.localOr(back, "/network");
    }
}
