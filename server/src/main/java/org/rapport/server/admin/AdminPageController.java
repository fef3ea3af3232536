package org.rapport.server.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administration pages (issue 17). Every path is a 404 page to members. */
@PageController
class AdminPageController {

    private final AdminAccess access;
    private final AdminService admin;

    AdminPageController(AdminAccess access, AdminService admin) {
        this.access = access;
        this.admin = admin;
    }

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal MemberPrincipal me) {
        access.moderator(me.memberId());
        return "redirect:/admin/reports";
    }

    @GetMapping("/admin/members")
    String members(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String q,
                   @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
                   Model model, HttpServletResponse response) {
        Actor actor = access.moderator(me.memberId());
        return membersPage(actor, q, status, cursor, null, model, response);
    }

    private String membersPage(Actor actor, String q, String status, String cursor, RapportException error,
                               Model model, HttpServletResponse response) {
        String query = q == null ? "" : q;
        String st = status == null ? "" : status;
        try {
            model.addAttribute("page", admin.members(actor, query, st, PageRequest.of(50, cursor)));
        } catch (ValidationException e) {
            error = e;
            model.addAttribute("page", admin.members(actor, "", "", PageRequest.of(50, null)));
        }
        if (error != null) {
            response.setStatus(error.status());
            model.addAttribute("error", error.detail());
        }
        model.addAttribute("q", query);
        model.addAttribute("status", st);
        model.addAttribute("admin", actor.isAdmin());
        return "pages/admin/members";
    }

    @PostMapping("/admin/members/{id}/suspend")
    String suspend(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String until,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            var m = admin.suspend(actor, id, reason, endOfDay(until));
            redirect.addFlashAttribute("flash", m.name() + " is suspended.");
            return "redirect:/admin/members?q=" + java.net.URLEncoder.encode(m.email(), StandardCharsets.UTF_8);
        } catch (RapportException e) {
            return membersPage(actor, null, null, null, e, model, response);
        }
    }

    @PostMapping("/admin/members/{id}/unsuspend")
    String unsuspend(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            var m = admin.unsuspend(actor, id, null);
            redirect.addFlashAttribute("flash", m.name() + " is no longer suspended.");
            return "redirect:/admin/members";
        } catch (RapportException e) {
            return membersPage(actor, null, null, null, e, model, response);
        }
    }

    @PostMapping("/admin/members/{id}/password-reset")
    String passwordReset(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            admin.sendPasswordReset(actor, id);
            redirect.addFlashAttribute("flash", "A password reset link is on its way.");
            return "redirect:/admin/members";
        } catch (RapportException e) {
            return membersPage(actor, null, null, null, e, model, response);
        }
    }

    @PostMapping("/admin/members/{id}/delete")
    String delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(defaultValue = "") String confirm, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            if (!"yes".equals(confirm)) {
                throw new ValidationException("confirm", "Tick the box to confirm the deletion.");
            }
            admin.delete(actor, id, null);
            redirect.addFlashAttribute("flash", "The member is deleted.");
            return "redirect:/admin/members";
        } catch (RapportException e) {
            return membersPage(actor, null, null, null, e, model, response);
        }
    }

    @GetMapping("/admin/settings")
    String settings(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("settings", admin.settings(access.moderator(me.memberId())));
        return "pages/admin/settings";
    }

    @PostMapping("/admin/settings")
    String changeSettings(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String signupMode,
                          @RequestParam(required = false) String allowedEmailDomains,
                          @RequestParam(required = false) String siteName, @RequestParam(required = false) String publicUrl,
                          Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            admin.changeSettings(actor, signupMode,
                    allowedEmailDomains == null ? null : Arrays.asList(allowedEmailDomains.split("[,\\s]+")),
                    siteName, publicUrl);
            redirect.addFlashAttribute("flash", "Settings saved.");
            return "redirect:/admin/settings";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("errors", e);
            model.addAttribute("settings", admin.settings(actor));
            return "pages/admin/settings";
        }
    }

    @GetMapping("/admin/sign-up-requests")
    String signUpRequests(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                          Model model) {
        return signUpRequestsPage(access.moderator(me.memberId()), cursor, null, model, null);
    }

    private String signUpRequestsPage(Actor actor, String cursor, RapportException error, Model model,
                                      HttpServletResponse response) {
        model.addAttribute("page", admin.signUpRequests(actor, PageRequest.of(50, cursor)));
        if (error != null) {
            response.setStatus(error.status());
            model.addAttribute("error", error.detail());
        }
        return "pages/admin/sign-up-requests";
    }

    @PostMapping("/admin/sign-up-requests/{id}/approve")
    String approveSignUp(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            var m = admin.approve(actor, id);
            redirect.addFlashAttribute("flash", m.name() + " is approved and has been told by e-mail.");
            return "redirect:/admin/sign-up-requests";
        } catch (RapportException e) {
            if (!actor.isAdmin()) {
                throw e;
            }
            return signUpRequestsPage(actor, null, e, model, response);
        }
    }

    @PostMapping("/admin/sign-up-requests/{id}/refuse")
    String refuseSignUp(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                        @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        Actor actor = access.moderator(me.memberId());
        try {
            admin.refuse(actor, id, reason);
            redirect.addFlashAttribute("flash", "The request is refused and the person has been told by e-mail.");
            return "redirect:/admin/sign-up-requests";
        } catch (RapportException e) {
            if (!actor.isAdmin()) {
                throw e;
            }
            return signUpRequestsPage(actor, null, e, model, response);
        }
    }

    @GetMapping("/admin/audit-log")
    String auditLog(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                    Model model) {
        model.addAttribute("page", admin.auditLog(access.moderator(me.memberId()), PageRequest.of(50, cursor)));
        return "pages/admin/audit-log";
    }

    @GetMapping("/admin/audit-log.csv")
    void auditLogCsv(@AuthenticationPrincipal MemberPrincipal me, HttpServletResponse response) throws IOException {
        Actor actor = access.moderator(me.memberId());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        AuditCsv.write(admin, actor, writer);
        writer.flush();
    }

    /** A date from the form: the suspension lasts through that day (UTC). */
    static Instant endOfDay(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("until", "Give a date such as 2027-01-31.");
        }
    }
}
