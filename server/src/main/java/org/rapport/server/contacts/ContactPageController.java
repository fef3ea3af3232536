package org.rapport.server.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.web.PageController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contacts page: upload with live progress, matches with Connect, e-mail invitations, consent, exports. */
@PageController
class ContactPageController {

    private final ContactService contacts;
    private final ExportService exports;
    private final ObjectProvider<JavaMailSender> mail;

    ContactPageController(ContactService contacts, ExportService exports, ObjectProvider<JavaMailSender> mail) {
        this.contacts = contacts;
        this.exports = exports;
        this.mail = mail;
    }

    @Budgeted(ReadBudget.CONTACTS)
    @GetMapping("/contacts")
    String page(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String others, Model model) {
        long id = me.memberId();
        model.addAttribute("imports", contacts.imports(id));
        model.addAttribute("matched", contacts.contacts(id, true, PageRequest.of(20, cursor)));
        model.addAttribute("unmatched", contacts.contacts(id, false, PageRequest.of(20, others)));
        model.addAttribute("settings", contacts.settings(id));
        model.addAttribute("mailEnabled", mail.getIfAvailable() != null);
        return "pages/contacts";
    }

    @PostMapping("/contacts/imports")
    String upload(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(name = "file", required = false) MultipartFile file,
                  RedirectAttributes redirect) {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flash", "Choose a file to upload first.");
            return "redirect:/contacts";
        }
        long id;
        try {
            id = contacts.startImport(me.memberId(), file.getOriginalFilename(), file::transferTo);
        } catch (org.rapport.server.system.RateLimitException | org.rapport.server.system.ServiceUnavailableException e) {
            redirect.addFlashAttribute("flash", e.getMessage());
            return "redirect:/contacts";
        }
        // Not a flash: the page says "being read" only while this import still is (see contacts.jte).
        redirect.addFlashAttribute("uploaded", id);
        return "redirect:/contacts";
    }

    /** One import's row, refreshed by htmx every second while it runs. */
    @GetMapping("/contacts/imports/{id}/row")
    String row(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, HttpServletResponse response,
               Model model) {
        ContactService.ImportView view = contacts.view(me.memberId(), id);
        model.addAttribute("row", view.row());
        model.addAttribute("progress", view.progress());
        if (!view.row().status().equals("PROCESSING")) {
            // Done: reload the page so the matches show.
            response.setHeader("HX-Refresh", "true");
        }
        return "fragments/contact-import";
    }

    @PostMapping("/contacts/imports/{id}/delete")
    String delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        contacts.deleteImport(me.memberId(), id);
        redirect.addFlashAttribute("flash", "The import and its contacts are deleted.");
        return "redirect:/contacts";
    }

    @PostMapping("/contacts/{id}/invite")
    String invite(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            contacts.inviteByEmail(me.memberId(), id, note);
            redirect.addFlashAttribute("flash", "Invitation sent by e-mail. When they join with that address, "
                    + "your invitation to connect will be waiting for them.");
        } catch (RapportException e) {
            redirect.addFlashAttribute("flash", e.detail());
        }
        return "redirect:/contacts#others";
    }

    @PostMapping("/contacts/settings")
    String settings(@AuthenticationPrincipal MemberPrincipal me,
                    @RequestParam(defaultValue = "false") boolean suggestToContacts,
                    @RequestParam(defaultValue = "false") boolean shareEmailWithConnections,
                    RedirectAttributes redirect) {
        contacts.updateSettings(me.memberId(), suggestToContacts, shareEmailWithConnections);
        redirect.addFlashAttribute("flash", "Saved.");
        return "redirect:/contacts#consent";
    }

    @GetMapping("/me/export/connections.csv")
    org.springframework.http.ResponseEntity<String> csv(@AuthenticationPrincipal MemberPrincipal me) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"Connections.csv\"")
                .body(exports.connectionsCsv(me.memberId()));
    }

    @GetMapping("/me/export/connections.vcf")
    org.springframework.http.ResponseEntity<String> vcard(@AuthenticationPrincipal MemberPrincipal me) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("text/vcard;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"connections.vcf\"")
                .body(exports.connectionsVcard(me.memberId()));
    }

    @GetMapping("/me/export.json")
    org.springframework.http.ResponseEntity<java.util.Map<String, Object>> json(@AuthenticationPrincipal MemberPrincipal me) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"rapport-export.json\"")
                .body(exports.everything(me.memberId()));
    }
}
