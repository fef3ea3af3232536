package org.rapport.server.suggestion;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Not interested" on a suggestion card: htmx removes the card; without JavaScript the page reloads. */
@PageController
class SuggestionPageController {

    private final SuggestionService suggestions;

    SuggestionPageController(SuggestionService suggestions) {
        this.suggestions = suggestions;
    }

    @PostMapping("/suggestions/{id}/dismiss")
    String dismiss(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(required = false) String back, HttpServletRequest request,
                   RedirectAttributes redirect) {
        suggestions.dismiss(me.memberId(), id);
        if (Redirects.isHtmx(request)) {
            return "fragments/empty"; // htmx swaps the card out for nothing
        }
        redirect.addFlashAttribute("flash", "We will not suggest them again.");
        return "redirect:" + Redirects.localOr(back, "/network");
    }
}
