package org.rapport.server.report;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.admin.AdminAccess;
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

/** The report form, "My reports" and the moderation queue as pages (issue 17). */
@PageController
class ReportPageController {

    private final ReportService reports;
    private final AdminAccess access;

    ReportPageController(ReportService reports, AdminAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/report")
    String form(@RequestParam(defaultValue = "") String subjectType, @RequestParam(defaultValue = "") String subjectId,
                Model model) {
        if (ReportEnums.parse(ReportEnums.SubjectType.class, subjectType) == null) {
            throw new ValidationException("subjectType", "There is nothing to report here.");
        }
        model.addAttribute("subjectType", subjectType.toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("subjectId", subjectId);
        return "pages/report";
    }

    @PostMapping("/report")
    String report(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String subjectType,
                  @RequestParam(defaultValue = "") String subjectId, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String details, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        try {
            reports.report(me.memberId(), subjectType, subjectId, reason, details);
            redirect.addFlashAttribute("flash", "Thank you. A moderator will look at your report.");
            return "redirect:/me/reports";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("errors", e);
            model.addAttribute("subjectType", subjectType);
            model.addAttribute("subjectId", subjectId);
            model.addAttribute("details", details);
            return "pages/report";
        }
    }

    @GetMapping("/me/reports")
    String mine(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("reports", reports.mine(me.memberId()));
        return "pages/my-reports";
    }

    @GetMapping("/admin/reports")
    String queue(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String status,
                 Model model) {
        var actor = access.moderator(me.memberId());
        String st = status == null || status.isBlank() ? "OPEN" : status.toUpperCase(java.util.Locale.ROOT);
        model.addAttribute("entries", reports.queue(actor, st));
        model.addAttribute("status", st);
        return "pages/admin/reports";
    }

    @PostMapping("/admin/reports/{id}/resolve")
    String resolve(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String note,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        var actor = access.moderator(me.memberId());
        try {
            int n = reports.resolve(actor, id, action, note);
            redirect.addFlashAttribute("flash", n == 1 ? "Report resolved." : n + " reports resolved.");
            return "redirect:/admin/reports";
        } catch (RapportException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.detail());
            model.addAttribute("entries", reports.queue(actor, "OPEN"));
            model.addAttribute("status", "OPEN");
            return "pages/admin/reports";
        }
    }
}
