package org.rapport.server.feed;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sharing, editing and reading updates in pages. The feed itself is on the home page; its next
 * pages come from {@code /feed} (a fragment for htmx's infinite scroll, a page without JavaScript).
 */
@PageController
class PostPageController {

    static final int PAGE = 10;

    private final PostService posts;

    PostPageController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping("/posts")
    String create(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String text,
                  @RequestParam(required = false) String visibility, RedirectAttributes redirect) {
        try {
            Post post = posts.create(me.memberId(), text, visibility);
            redirect.addFlashAttribute("flash", "Shared with " + post.reach()
                    + (post.reach() == 1 ? " person." : " people."));
        } catch (ValidationException e) {
            redirect.addFlashAttribute("composerError", e.messageFor("text") != null ? e.messageFor("text") : e.detail());
            redirect.addFlashAttribute("composerText", text == null ? "" : text);
        }
        return "redirect:/";
    }

    @GetMapping("/feed")
    String more(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                @RequestParam(defaultValue = "false") boolean fragment, Model model) {
        model.addAttribute("page", posts.feed(me.memberId(), new PageRequest(PAGE, cursor)));
        model.addAttribute("more", "/feed");
        return fragment ? "fragments/feed-page" : "pages/feed";
    }

    @GetMapping("/posts/{id}")
    String show(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("item", posts.get(me.memberId(), id));
        return "pages/post";
    }

    /** One update as a card, for live insertion at the top of an open feed. */
    @GetMapping("/posts/{id}/card")
    String card(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("item", posts.get(me.memberId(), id));
        return "fragments/post";
    }

    @PostMapping("/posts/{id}/edit")
    String edit(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                @RequestParam(required = false) String text, @RequestParam(required = false) String visibility,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            posts.edit(me.memberId(), id, text, visibility);
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("item", posts.get(me.memberId(), id));
            model.addAttribute("error", e.messageFor("text") != null ? e.messageFor("text") : e.detail());
            return "pages/post";
        }
        redirect.addFlashAttribute("flash", "Your update is saved.");
        return "redirect:/posts/" + id;
    }

    @PostMapping("/posts/{id}/delete")
    String delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        posts.delete(me.memberId(), id);
        redirect.addFlashAttribute("flash", "Your update is deleted.");
        return "redirect:/";
    }
}
