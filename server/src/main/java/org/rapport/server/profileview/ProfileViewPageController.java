package org.rapport.server.profileview;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "who viewed your profile" page and the People Also Viewed setting. */
@PageController
class ProfileViewPageController {

    private final ProfileViewService views;

    ProfileViewPageController(ProfileViewService views) {
        this.views = views;
    }

    @GetMapping("/me/profile-views")
    String stats(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("stats", views.stats(me.memberId(), 20));
        return "pages/profile-views";
    }

    @PostMapping("/settings/also-viewed")
    String setting(@AuthenticationPrincipal MemberPrincipal me,
                   @RequestParam(defaultValue = "false") boolean showAlsoViewed, RedirectAttributes redirect) {
        views.setShowAlsoViewed(me.memberId(), showAlsoViewed);
        redirect.addFlashAttribute("flash", showAlsoViewed
                ? "Saved: People also viewed shows on your profile."
                : "Saved: People also viewed no longer shows on your profile.");
        return "redirect:/settings";
    }
}
