package org.rapport.server.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Contacts, e-mail invitations and exports over the API (E1–E6). */
@RestController
@Tag(name = "Contacts", description = "Address books, matches, e-mail invitations, consent and exports (E1–E6)")
class ContactApiController {

    record ImportJson(String id, String fileName, String status, String format, long rowsRead, long imported,
                      long skipped, long matched, String phase, Integer percent, JsonNode report, Instant createdAt,
                      Instant finishedAt) {
    }

    record ContactJson(String id, String name, String email, String handle, MemberCardJson member, Instant expiresAt) {
    }

    record InviteRequest(String note) {
    }

    record SettingsRequest(Boolean suggestToContacts, Boolean shareEmailWithConnections) {
    }

    private final ContactService contacts;
    private final ExportService exports;
    private final JsonMapper json;

    ContactApiController(ContactService contacts, ExportService exports, JsonMapper json) {
        this.contacts = contacts;
        this.exports = exports;
        this.json = json;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(path = "/api/v1/contacts/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an address book or another network's export (multipart field: file)",
            description = "Google or Outlook CSV, vCard 3/4, LinkedIn Connections.csv, a Facebook friends JSON, an X "
                    + "archive's following list, a Mastodon following CSV, or a plain list of addresses; the format is "
                    + "detected. 202: it runs in the background; follow it at the Location.")
    ResponseEntity<ImportJson> upload(@AuthenticationPrincipal MemberPrincipal me,
                                      @RequestPart(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", "Choose a file to upload: none was sent, or it is empty.");
        }
        long id = contacts.startImport(me.memberId(), file.getOriginalFilename(), file::transferTo);
        return ResponseEntity.accepted().location(URI.create("/api/v1/contacts/imports/" + id))
                .body(json(contacts.view(me.memberId(), id)));
    }

    @GetMapping("/api/v1/contacts/imports")
    @Operation(summary = "My imports, newest first")
    Map<String, List<ImportJson>> imports(@AuthenticationPrincipal MemberPrincipal me) {
        return Map.of("items", contacts.imports(me.memberId()).stream()
                .map(r -> json(new ContactService.ImportView(r, null))).toList());
    }

    @GetMapping("/api/v1/contacts/imports/{id}")
    @Operation(summary = "One import: its progress while it runs, then what was imported, skipped (line and reason) and matched")
    ImportJson importStatus(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return json(contacts.view(me.memberId(), id));
    }

    @DeleteMapping("/api/v1/contacts/imports/{id}")
    @Operation(summary = "Delete an import and every contact it brought")
    ResponseEntity<Void> deleteImport(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        contacts.deleteImport(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @Budgeted(ReadBudget.CONTACTS)
    @GetMapping("/api/v1/contacts")
    @Operation(summary = "My contacts: matched=true (default) those who are members, with degree and mutual count; "
            + "matched=false the others")
    Page<ContactJson> list(@AuthenticationPrincipal MemberPrincipal me,
                           @RequestParam(defaultValue = "true") boolean matched,
                           @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return contacts.contacts(me.memberId(), matched, PageRequest.of(limit, cursor))
                .map(c -> new ContactJson(Long.toString(c.id()), c.name(), c.email(), c.handle(),
                        c.member() == null ? null : MemberCardJson.of(c.member()), c.expiresAt()));
    }

    @PostMapping("/api/v1/contacts/{id}/invite")
    @Operation(summary = "Invite a contact who is not a member by e-mail, with an optional note",
            description = "Counts in the invitation quota (429 past it); 409 when already invited or already a member; "
                    + "503 when this server sends no e-mail. A sign-up with that address turns it into an invitation.")
    ResponseEntity<Void> invite(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @RequestBody(required = false) InviteRequest body) {
        contacts.inviteByEmail(me.memberId(), id, body == null ? null : body.note());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/contacts/settings")
    @Operation(summary = "My consent settings: may people who have my address be suggested me; may my connections export my address")
    ContactService.Settings settings(@AuthenticationPrincipal MemberPrincipal me) {
        return contacts.settings(me.memberId());
    }

    @PatchMapping("/api/v1/contacts/settings")
    @Operation(summary = "Change my consent settings; fields left out stay as they are")
    ContactService.Settings updateSettings(@AuthenticationPrincipal MemberPrincipal me, @RequestBody SettingsRequest body) {
        return contacts.updateSettings(me.memberId(), body.suggestToContacts(), body.shareEmailWithConnections());
    }

    @GetMapping("/api/v1/me/export")
    @Operation(summary = "Everything of mine as one JSON document")
    ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal MemberPrincipal me) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rapport-export.json\"")
                .body(exports.everything(me.memberId()));
    }

    @GetMapping(path = "/api/v1/me/export/connections.csv", produces = "text/csv")
    @Operation(summary = "My connections in LinkedIn's Connections.csv columns")
    ResponseEntity<String> csv(@AuthenticationPrincipal MemberPrincipal me) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"Connections.csv\"")
                .body(exports.connectionsCsv(me.memberId()));
    }

    @GetMapping(path = "/api/v1/me/export/connections.vcf", produces = "text/vcard")
    @Operation(summary = "My connections as vCard 4")
    ResponseEntity<String> vcard(@AuthenticationPrincipal MemberPrincipal me) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/vcard;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"connections.vcf\"")
                .body(exports.connectionsVcard(me.memberId()));
    }

    private ImportJson json(ContactService.ImportView v) {
        ContactRepository.ImportRow r = v.row();
        JsonNode report = r.report() == null || r.report().isBlank() ? null : json.readTree(r.report());
        return new ImportJson(Long.toString(r.id()), r.fileName(), r.status(), r.format(), r.rowsRead(), r.imported(),
                r.skipped(), r.matched(), v.progress() == null ? null : v.progress().phase(),
                v.progress() == null ? (r.status().equals("PROCESSING") ? 0 : 100) : v.progress().percent(),
                report, r.createdAt(), r.finishedAt());
    }
}
