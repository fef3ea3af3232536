package org.rapport.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.system.RapportException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Setting two-factor sign-in up and switching it off on a page (issue 16). */
@PageController
class TwoFactorPageController {

    private final TwoFactor twoFactor;
    private final AccountService accounts;

    TwoFactorPageController(TwoFactor twoFactor, AccountService accounts) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
    }

    @GetMapping("/settings/two-factor")
    String page(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("enabled", twoFactor.isEnabled(me.memberId()));
        return "pages/two-factor";
    }

    @PostMapping("/settings/two-factor/begin")
    String begin(@AuthenticationPrincipal MemberPrincipal me, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("setup", twoFactor.begin(me.memberId()));
        } catch (TwoFactorStateException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        model.addAttribute("enabled", twoFactor.isEnabled(me.memberId()));
        return "pages/two-factor";
    }

    @PostMapping("/settings/two-factor/confirm")
    String confirm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
                   HttpServletResponse response, Model model) {
        try {
            model.addAttribute("recoveryCodes", twoFactor.confirm(me.memberId(), code));
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", e.messageFor("code") + " Start again to get a new QR code.");
        } catch (TwoFactorStateException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        model.addAttribute("enabled", twoFactor.isEnabled(me.memberId()));
        return "pages/two-factor";
    }

    @PostMapping("/settings/two-factor/disable")
    String disable(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String password,
                   @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                   HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            accounts.confirmWithPassword(me.memberId(), password, request.getRemoteAddr());
            twoFactor.disable(me.memberId(), code);
            redirect.addFlashAttribute("flash", "Two-factor sign-in is off.");
            return "redirect:/settings";
        } catch (RapportException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        model.addAttribute("enabled", twoFactor.isEnabled(me.memberId()));
        return "pages/two-factor";
    }
}
