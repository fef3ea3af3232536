package org.rapport.server.credibility;

import java.util.List;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for credibility: the endorse buttons and settings on profiles, the recommendations page
 * (received, given, requests) with the ask and write forms, and the introductions page with the
 * ask form. Refusals come back as a message on the form or in the flash line, never an error page.
 */
@PageController
class CredibilityPageController {

    private final EndorsementService endorsements;
    private final RecommendationService recommendations;
    private final IntroductionService introductions;
    private final MemberRepository members;
    private final ProfileService profiles;
    private final NetworkService network;
    private final BlockService blocks;

    CredibilityPageController(EndorsementService endorsements, RecommendationService recommendations,
                              IntroductionService introductions, MemberRepository members, ProfileService profiles,
                              NetworkService network, BlockService blocks) {
        this.endorsements = endorsements;
        this.recommendations = recommendations;
        this.introductions = introductions;
        this.members = members;
        this.profiles = profiles;
        this.network = network;
        this.blocks = blocks;
    }

    // ---- endorsements --------------------------------------------------------------------------

    @PostMapping("/members/{id}/endorse")
    String endorse(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String skill, RedirectAttributes redirect) {
        return act(redirect, "/members/" + id + "#skills", "Endorsed " + skill + ".",
                () -> endorsements.endorse(me.memberId(), id, skill));
    }

    @PostMapping("/members/{id}/unendorse")
    String unendorse(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     @RequestParam(defaultValue = "") String skill, RedirectAttributes redirect) {
        return act(redirect, "/members/" + id + "#skills", "Your endorsement of " + skill + " is taken back.",
                () -> endorsements.withdraw(me.memberId(), id, skill));
    }

    @PostMapping("/me/endorsements/hide")
    String hide(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String skill,
                @RequestParam(defaultValue = "0") long endorserId, @RequestParam(defaultValue = "true") boolean hidden,
                RedirectAttributes redirect) {
        return act(redirect, "/members/" + me.memberId() + "#skills",
                hidden ? "The endorsement is hidden from everyone else." : "The endorsement is shown again.",
                () -> endorsements.setHidden(me.memberId(), endorserId, skill, hidden));
    }

    @PostMapping("/me/endorsement-settings")
    String endorsementSettings(@AuthenticationPrincipal MemberPrincipal me,
                               @RequestParam(defaultValue = "true") boolean accept, RedirectAttributes redirect) {
        return act(redirect, "/members/" + me.memberId() + "#skills",
                accept ? "Endorsements are on." : "Endorsements are off: nobody can endorse you, and others no longer see your endorsements.",
                () -> endorsements.setAccepting(me.memberId(), accept));
    }

    // ---- recommendations ----------------------------------------------------------------------

    @GetMapping("/recommendations")
    String recommendationsPage(@AuthenticationPrincipal MemberPrincipal me,
                               @RequestParam(defaultValue = "received") String tab,
                               @RequestParam(required = false) String cursor, Model model) {
        long id = me.memberId();
        String shown = switch (tab) {
            case "given", "requests" -> tab;
            default -> "received";
        };
        PageRequest page = new PageRequest(20, cursor);
        model.addAttribute("tab", shown);
        model.addAttribute("page", switch (shown) {
            case "given" -> recommendations.given(id, page);
            case "requests" -> recommendations.requests(id, page);
            default -> recommendations.received(id, null, page);
        });
        model.addAttribute("requestCount", recommendations.requestCount(id));
        model.addAttribute("awaitingCount", recommendations.awaitingApprovalCount(id));
        return "pages/recommendations";
    }

    @GetMapping("/recommendations/ask")
    String askForm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long member, Model model) {
        return recommendationForm(me, member, true, null, "", null, model);
    }

    @PostMapping("/recommendations/ask")
    String ask(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long member,
               @RequestParam(required = false) Integer positionIndex, @RequestParam(defaultValue = "") String note,
               Model model, RedirectAttributes redirect) {
        try {
            recommendations.request(me.memberId(), member, positionIndex, note);
        } catch (RapportException e) {
            return recommendationForm(me, member, true, positionIndex, note, e.detail(), model);
        }
        redirect.addFlashAttribute("flash", "Your request is on its way.");
        return "redirect:/recommendations?tab=received";
    }

    @GetMapping("/recommendations/write")
    String writeForm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long member, Model model) {
        String text = recommendationsBetween(me.memberId(), member);
        return recommendationForm(me, member, false, null, text, null, model);
    }

    @PostMapping("/recommendations/write")
    String write(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long member,
                 @RequestParam(required = false) Integer positionIndex, @RequestParam(defaultValue = "") String text,
                 Model model, RedirectAttributes redirect) {
        try {
            recommendations.write(me.memberId(), member, positionIndex, text);
        } catch (RapportException e) {
            return recommendationForm(me, member, false, positionIndex, text, e.detail(), model);
        }
        redirect.addFlashAttribute("flash", "Your recommendation is sent. It shows on their profile once they approve it.");
        return "redirect:/recommendations?tab=given";
    }

    @PostMapping("/recommendations/{id}/{action:approve|hide|show|revise|decline|delete}")
    String recommendationAction(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @PathVariable String action, @RequestParam(defaultValue = "") String note,
                                @RequestParam(defaultValue = "received") String tab, RedirectAttributes redirect) {
        long m = me.memberId();
        String message = switch (action) {
            case "approve" -> "Approved: it shows on your profile.";
            case "hide" -> "Hidden from your profile.";
            case "show" -> "Shown on your profile again.";
            case "revise" -> "Your request for a revision is sent.";
            case "decline" -> "Declined. They are not told.";
            default -> "Deleted.";
        };
        return act(redirect, "/recommendations?tab=" + ("given".equals(tab) || "requests".equals(tab) ? tab : "received"),
                message, () -> {
                    switch (action) {
                        case "approve" -> recommendations.approve(m, id);
                        case "hide" -> recommendations.hide(m, id);
                        case "show" -> recommendations.show(m, id);
                        case "revise" -> recommendations.askRevision(m, id, note);
                        case "decline" -> recommendations.decline(m, id);
                        default -> recommendations.delete(m, id);
                    }
                });
    }

    private String recommendationsBetween(long author, long recipient) {
        return recommendations.given(author, PageRequest.first(100)).items().stream()
                .map(RecommendationService.Item::recommendation)
                .filter(r -> r.recipientId() == recipient && r.text() != null)
                .map(Recommendation::text).findFirst()
                .orElseGet(() -> recommendations.requests(author, PageRequest.first(100)).items().stream()
                        .map(RecommendationService.Item::recommendation)
                        .filter(r -> r.recipientId() == recipient && r.text() != null)
                        .map(Recommendation::text).findFirst().orElse(""));
    }

    private String recommendationForm(MemberPrincipal me, long member, boolean asking, Integer positionIndex,
                                      String text, String error, Model model) {
        MemberCard card = card(me.memberId(), member);
        List<Position> positions = profiles.profile(asking ? me.memberId() : member).positions();
        model.addAttribute("card", card);
        model.addAttribute("asking", asking);
        model.addAttribute("positions", positions);
        model.addAttribute("positionIndex", positionIndex == null ? 0 : positionIndex);
        model.addAttribute("text", text);
        model.addAttribute("error", error);
        model.addAttribute("max", asking ? RecommendationService.NOTE_MAX : RecommendationService.TEXT_MAX);
        model.addAttribute("connected", network.areConnected(me.memberId(), member));
        return "pages/recommendation-form";
    }

    // ---- introductions ------------------------------------------------------------------------

    @GetMapping("/introductions")
    String introductionsPage(@AuthenticationPrincipal MemberPrincipal me,
                             @RequestParam(defaultValue = "received") String tab,
                             @RequestParam(required = false) String cursor, Model model) {
        long id = me.memberId();
        boolean sent = "sent".equals(tab);
        PageRequest page = new PageRequest(20, cursor);
        model.addAttribute("tab", sent ? "sent" : "received");
        model.addAttribute("page", sent ? introductions.asked(id, page) : introductions.toMake(id, page));
        model.addAttribute("pending", introductions.pendingToMake(id));
        model.addAttribute("allowance", introductions.allowance(id));
        return "pages/introductions";
    }

    @GetMapping("/introductions/new")
    String introductionForm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long target, Model model) {
        return introductionForm(me, target, null, "", null, model);
    }

    @PostMapping("/introductions/new")
    String askIntroduction(@AuthenticationPrincipal MemberPrincipal me, @RequestParam long target,
                           @RequestParam(required = false) Long intermediary,
                           @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        if (intermediary == null) {
            return introductionForm(me, target, null, reason, "Choose who should introduce you.", model);
        }
        try {
            introductions.request(me.memberId(), intermediary, target, reason);
        } catch (RapportException e) {
            return introductionForm(me, target, intermediary, reason, e.detail(), model);
        }
        redirect.addFlashAttribute("flash", "Your request is on its way. You will be told when it is forwarded.");
        return "redirect:/introductions?tab=sent";
    }

    @PostMapping("/introductions/{id}/forward")
    String forward(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        return act(redirect, "/introductions", "Forwarded: they have received the invitation, with your note.",
                () -> introductions.forward(me.memberId(), id, note));
    }

    @PostMapping("/introductions/{id}/decline")
    String declineIntroduction(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               RedirectAttributes redirect) {
        return act(redirect, "/introductions", "Declined.", () -> introductions.decline(me.memberId(), id));
    }

    private String introductionForm(MemberPrincipal me, long target, Long intermediary, String reason, String error,
                                    Model model) {
        model.addAttribute("card", card(me.memberId(), target));
        model.addAttribute("intermediaries", introductions.intermediaries(me.memberId(), target));
        model.addAttribute("intermediary", intermediary);
        model.addAttribute("reason", reason);
        model.addAttribute("error", error);
        model.addAttribute("max", IntroductionService.NOTE_MAX);
        model.addAttribute("allowance", introductions.allowance(me.memberId()));
        return "pages/introduction-form";
    }

    // ---- shared -------------------------------------------------------------------------------

    private MemberCard card(long me, long member) {
        MemberSummary s = members.findSummaries(List.of(member)).get(member);
        if (s == null) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(me, member);
        return network.card(me, s);
    }

    private static String act(RedirectAttributes redirect, String back, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", done);
        } catch (RapportException e) {
            redirect.addFlashAttribute("flash", e.detail());
        }
        return "redirect:" + back;
    }
}
