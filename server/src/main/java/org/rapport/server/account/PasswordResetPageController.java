package org.rapport.server.account;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot password?": ask for a link, then choose a new password on the page it opens (issue 16). */
@PageController
class PasswordResetPageController {

    private final PasswordResets resets;

    PasswordResetPageController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping({"/forgot", "/forgot-password"})
    String forgot() {
        return "redirect:/password-reset";
    }

    @GetMapping("/password-reset")
    String form() {
        resets.requirePasswords();
        return "pages/password-reset";
    }

    @PostMapping("/password-reset")
    String request(@RequestParam(defaultValue = "") String email, Model model) {
        resets.requestReset(email);
        model.addAttribute("email", AccountService.normaliseEmail(email));
        model.addAttribute("sent", true);
        return "pages/password-reset";
    }

    @GetMapping("/password-reset/{token}")
    String link(@PathVariable String token, HttpServletResponse response, Model model) {
        resets.requirePasswords();
        model.addAttribute("token", token);
        try {
            resets.checkLink(token);
        } catch (ResetLinkNotFoundException | ResetLinkExpiredException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        return "pages/password-reset-link";
    }

    @PostMapping("/password-reset/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        model.addAttribute("token", token);
        try {
            resets.resetPassword(token, password);
            redirect.addFlashAttribute("flash", "Your password is set. Sign in with it; every other session was signed out.");
            return "redirect:/signin";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("passwordError", e.messageFor("password"));
        } catch (ResetLinkNotFoundException | ResetLinkExpiredException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        return "pages/password-reset-link";
    }
}
