package org.rapport.server.privacy;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The privacy form on the settings page, and blocking from a profile. */
@PageController
class PrivacyPageController {

    private final PrivacyService privacy;
    private final BlockService blocks;
    private final MemberRepository members;

    PrivacyPageController(PrivacyService privacy, BlockService blocks, MemberRepository members) {
        this.privacy = privacy;
        this.blocks = blocks;
        this.members = members;
    }

    /** The form posts every setting; an unticked box is absent, so it means false. */
    @PostMapping("/settings/privacy")
    String save(@AuthenticationPrincipal MemberPrincipal me,
                @RequestParam(required = false) String connectionsVisibility,
                @RequestParam(required = false) String profileVisibility,
                @RequestParam(required = false) String invitationsFrom,
                @RequestParam(defaultValue = "false") boolean requireNote,
                @RequestParam(defaultValue = "false") boolean requireShared,
                @RequestParam(defaultValue = "false") boolean secondDegreeOnly,
                @RequestParam(defaultValue = "false") boolean showAlsoViewed,
                @RequestParam(defaultValue = "false") boolean followPrimary,
                @RequestParam(required = false) String followersFrom,
                @RequestParam(required = false) String messagesFrom,
                RedirectAttributes redirect) {
        privacy.update(me.memberId(), new PrivacyChanges(connectionsVisibility, invitationsFrom, requireNote,
                requireShared, secondDegreeOnly, profileVisibility, showAlsoViewed, followPrimary, followersFrom, messagesFrom));
        redirect.addFlashAttribute("flash", "Your privacy settings are saved.");
        return "redirect:/settings";
    }

    @PostMapping("/members/{id}/block")
    String block(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        String name = members.findById(id).map(m -> m.name()).orElse("This member");
        blocks.block(me.memberId(), id);
        redirect.addFlashAttribute("flash", "You blocked " + name + ". You are no longer connected, and neither of "
                + "you can see the other. You can unblock them here.");
        return "redirect:/settings#blocked";
    }

    @PostMapping("/settings/blocks/{id}/unblock")
    String unblock(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        blocks.unblock(me.memberId(), id);
        redirect.addFlashAttribute("flash", "Unblocked. You can find each other again; nothing you had before came back.");
        return "redirect:/settings#blocked";
    }
}
