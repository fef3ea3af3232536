package org.rapport.server.profileview;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The "who viewed your profile" page. */
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
}
