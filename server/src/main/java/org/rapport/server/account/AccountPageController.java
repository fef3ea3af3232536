package org.rapport.server.account;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up, sign-in and settings pages. Sign-out is Spring Security's {@code POST /signout}. */
@PageController
class AccountPageController {

    private final AccountService accounts;
    private final MemberRepository members;
    private final SecurityContextRepository contexts;
    private final PrivacyService privacy;
    private final BlockService blocks;
    private final NotificationService notifications;

    private final java.time.Clock clock;
    private final EmailVerifications verifications;
    private final SignInMethods methods;
    private final org.rapport.server.system.SiteIdentity site;

    AccountPageController(AccountService accounts, MemberRepository members, SecurityContextRepository contexts,
                          PrivacyService privacy, BlockService blocks, NotificationService notifications,
                          java.time.Clock clock, EmailVerifications verifications, SignInMethods methods,
                          org.rapport.server.system.SiteIdentity site) {
        this.verifications = verifications;
        this.methods = methods;
        this.site = site;
        this.clock = clock;
        this.notifications = notifications;
        this.privacy = privacy;
        this.blocks = blocks;
        this.accounts = accounts;
        this.members = members;
        this.contexts = contexts;
    }

    /** The ways of signing in the sign-in and sign-up pages offer (issue 16). */
    @org.springframework.web.bind.annotation.ModelAttribute("options")
    SignInOptions options() {
        return methods.options();
    }

    @GetMapping("/signin")
    String signInForm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String next,
                      @RequestParam(required = false) String signedOut, Model model, HttpServletRequest request,
                      HttpServletResponse response) {
        if (me != null) {
            return "redirect:/";
        }
        // A single sign-on the application refused (SingleSignOnHandler): said once.
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SingleSignOnHandler.ERROR) instanceof String refusal) {
            session.removeAttribute(SingleSignOnHandler.ERROR);
            model.addAttribute("error", refusal);
        }
        model.addAttribute("next", safeNext(next));
        model.addAttribute("signedOut", signedOut != null);
        return "pages/signin";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(required = false) String next, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            MemberPrincipal principal = accounts.authenticate(email, password, request.getRemoteAddr());
            establishSession(principal, request, response);
            String target = safeNext(next);
            return "redirect:" + (target == null ? "/" : target);
        } catch (TwoFactorRequiredException e) {
            // The password was right: the second step asks for the code, for 5 minutes.
            request.getSession(true).setAttribute(PENDING, new PendingSignIn(e.memberId(), email, safeNext(next),
                    clock.millis() + 5 * 60_000));
            return "redirect:/signin/code";
        } catch (InvalidCredentialsException e) {
            response.setStatus(401);
            model.addAttribute("error", e.detail());
        } catch (AccountSuspendedException e) {
            response.setStatus(403);
            model.addAttribute("error", e.detail());
        } catch (RateLimitException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", e.detail());
        } catch (org.rapport.server.system.RapportException e) {
            // Passwords off, or the directory's person refused (unverified address, sign-up policy).
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        }
        model.addAttribute("email", email);
        model.addAttribute("next", safeNext(next));
        return "pages/signin";
    }

    static final String PENDING = "rapport.pendingSignIn";

    /** A member whose password was right and who still owes the second factor. */
    record PendingSignIn(long memberId, String email, String next, long expiresAtMillis) implements java.io.Serializable {
    }

    private PendingSignIn pending(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof PendingSignIn p)
                || p.expiresAtMillis() < clock.millis()) {
            return null;
        }
        return p;
    }

    @GetMapping("/signin/code")
    String codeForm(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/signin" : "pages/signin-code";
    }

    @PostMapping("/signin/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        PendingSignIn pending = pending(request);
        if (pending == null) {
            return "redirect:/signin";
        }
        try {
            MemberPrincipal principal = accounts.completeWithCode(pending.memberId(), pending.email(), code,
                    request.getRemoteAddr());
            request.getSession().removeAttribute(PENDING);
            establishSession(principal, request, response);
            return "redirect:" + (pending.next() == null ? "/" : pending.next());
        } catch (InvalidTwoFactorCodeException e) {
            response.setStatus(401);
            model.addAttribute("error", e.detail());
        } catch (RateLimitException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", e.detail());
        }
        return "pages/signin-code";
    }

    @GetMapping("/signup")
    String signUpForm(@AuthenticationPrincipal MemberPrincipal me) {
        return me != null ? "redirect:/" : "pages/signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String firstName, @RequestParam(defaultValue = "") String lastName,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            Member member = accounts.signUp(email, password, firstName, lastName, request.getRemoteAddr());
            if (accounts.awaitingApproval(member.id())) {
                // Sign-up by approval (issue 17): stored, but no session until an administrator approves.
                redirect.addFlashAttribute("waitingEmail", member.email());
                return "redirect:/signup/waiting";
            }
            establishSession(accounts.authenticate(member.email(), password, request.getRemoteAddr()), request,
                    response);
            redirect.addFlashAttribute("flash", "Welcome to " + site.siteName() + ", " + member.firstName()
                    + "! Add your headline and experience so people recognise you.");
            return "redirect:/profile/edit";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("errors", e);
        } catch (EmailTakenException e) {
            response.setStatus(409);
            model.addAttribute("errors", new ValidationException("email", e.detail()));
        } catch (PasswordSignInOffException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
        } catch (RateLimitException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", e.detail());
        }
        model.addAttribute("email", email);
        model.addAttribute("firstName", firstName);
        model.addAttribute("lastName", lastName);
        return "pages/signup";
    }

    /** Where a sign-up waiting for an administrator's approval lands (issue 17). */
    @GetMapping("/signup/waiting")
    String signUpWaiting(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request, Model model) {
        if (me != null) {
            return "redirect:/";
        }
        var flash = org.springframework.web.servlet.support.RequestContextUtils.getInputFlashMap(request);
        model.addAttribute("email", flash == null ? null : (String) flash.get("waitingEmail"));
        return "pages/signup-waiting";
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        return settingsPage(me.memberId(), model);
    }

    /** The settings page: account, privacy settings and blocked members. */
    private String settingsPage(long me, Model model) {
        model.addAttribute("member", members.findById(me).orElseThrow(MemberNotFoundException::new));
        model.addAttribute("emailVerified", verifications.isVerified(me));
        model.addAttribute("privacy", privacy.settings(me));
        model.addAttribute("blocked", blocks.blocked(me, PageRequest.first(PageRequest.MAX_LIMIT)));
        model.addAttribute("notificationPrefs", notifications.preferences(me));
        model.addAttribute("digest", notifications.digest(me));
        model.addAttribute("deleteConfirmation", accounts.confirmation(me).name());
        return "pages/settings";
    }

    @PostMapping("/settings/password")
    String password(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String currentPassword,
                    @RequestParam(defaultValue = "") String newPassword, HttpServletRequest request,
                    HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            MemberPrincipal updated = accounts.changePassword(me.memberId(), currentPassword, newPassword);
            establishSession(updated, request, response);
            redirect.addFlashAttribute("flash", "Your password is changed. Other sessions are signed out.");
            return "redirect:/settings";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("passwordErrors", e);
            return settingsPage(me.memberId(), model);
        }
    }

    /** Changes the member's address (issue 16); the new one is unverified until its link is opened. */
    @PostMapping("/settings/email")
    String email(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String newEmail,
                 @RequestParam(defaultValue = "") String emailPassword, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            String email = verifications.changeEmail(me.memberId(), newEmail, emailPassword, request.getRemoteAddr());
            redirect.addFlashAttribute("flash", "Your address is now " + email + ". Open the link we sent there to "
                    + "confirm it; your old address was told of the change.");
            return "redirect:/settings#email";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("emailErrors", new ValidationException("newEmail", e.messageFor("email")));
        } catch (ConfirmationRequiredException | WrongConfirmationException e) {
            response.setStatus(400);
            model.addAttribute("emailErrors", new ValidationException("emailPassword",
                    "The password is not right; your address was not changed."));
        } catch (EmailTakenException e) {
            response.setStatus(409);
            model.addAttribute("emailErrors", new ValidationException("newEmail", e.detail()));
        } catch (RateLimitException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("emailErrors", new ValidationException("newEmail", e.detail()));
        }
        model.addAttribute("newEmail", newEmail);
        return settingsPage(me.memberId(), model);
    }

    /** The banner's and the settings page's "Send the link again" (issue 16). */
    @PostMapping("/settings/email/verification")
    String resendVerification(@AuthenticationPrincipal MemberPrincipal me, HttpServletResponse response, Model model,
                              RedirectAttributes redirect) {
        try {
            verifications.resend(me.memberId());
            String email = members.findById(me.memberId()).map(Member::email).orElseThrow(MemberNotFoundException::new);
            redirect.addFlashAttribute("flash", "A new link is on its way to " + email + ".");
            return "redirect:/settings#email";
        } catch (EmailAlreadyVerifiedException e) {
            response.setStatus(e.status());
            model.addAttribute("verificationError", e.detail());
        } catch (RateLimitException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("verificationError", e.detail());
        }
        return settingsPage(me.memberId(), model);
    }

    @PostMapping("/settings/delete")
    String delete(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String code,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        String refusal = switch (accounts.confirmation(me.memberId())) {
            case PASSWORD -> accounts.passwordMatches(me.memberId(), password) ? null
                    : "The password is not right; your account was not deleted.";
            case CODE -> accounts.codeMatches(me.memberId(), code) ? null
                    : "The code is not right; your account was not deleted.";
            // No password and no second factor (single sign-on): only a fresh sign-in through the
            // provider shows it is the member, not someone at a browser left signed in.
            case RECENT_SIGN_IN -> signedInWithin(request, java.time.Duration.ofMinutes(10)) ? null
                    : "To delete this account, sign out, sign in again through your provider, and delete it within ten minutes.";
        };
        if (refusal != null) {
            response.setStatus(400);
            model.addAttribute("deleteError", refusal);
            return settingsPage(me.memberId(), model);
        }
        accounts.delete(me.memberId());
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        redirect.addFlashAttribute("flash", "Your account and everything in it has been deleted.");
        return "redirect:/signin";
    }

    /** Signs the principal in: a fresh session id (no fixation), the context saved in it. */
    private void establishSession(MemberPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                BearerTokenFilter.MEMBER));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(SingleSignOnHandler.SIGNED_IN_AT, clock.millis());
    }

    private boolean signedInWithin(HttpServletRequest request, java.time.Duration within) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(SingleSignOnHandler.SIGNED_IN_AT) instanceof Long at
                && clock.millis() - at <= within.toMillis();
    }

    static String safeNext(String next) {
        return Redirects.local(next);
    }
}
