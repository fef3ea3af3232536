package org.rapport.server.account;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The page a verification link opens (issue 16); it needs no sign-in, the link is the proof. */
@PageController
class EmailVerificationPageController {

    private final EmailVerifications verifications;

    EmailVerificationPageController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    @GetMapping("/verify-email/{token}")
    String verify(@PathVariable String token, HttpServletResponse response, Model model) {
        try {
            verifications.verify(token);
            model.addAttribute("verified", true);
        } catch (VerificationLinkInvalidException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        return "pages/verify-email";
    }
}
