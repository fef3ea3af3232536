package org.rapport.server.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administration over the API (issue 17). Every path answers 404 to members. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Members, sign-up policy, settings and the audit log (issue 17); "
        + "moderators and administrators only, 404 to members")
class AdminApiController {

    record MemberJson(String id, String email, String name, Role role, MemberStatus status, Instant suspendedUntil,
                      String suspensionReason, Instant createdAt) {
        static MemberJson of(AdminService.AdminMember m) {
            return new MemberJson(Long.toString(m.id()), m.email(), m.name(), m.role(), m.status(), m.suspendedUntil(),
                    m.suspensionReason(), m.createdAt());
        }
    }

    record SuspendRequest(String reason, String until) {
    }

    record ReasonRequest(String reason) {
    }

    record SettingsRequest(String signupMode, List<String> allowedEmailDomains, String siteName, String publicUrl) {
    }

    record AuditJson(Instant at, String actor, String action, String subject, String reason) {
    }

    record SignUpRequestJson(String id, String email, String name, Instant requestedAt) {
    }

    private final AdminAccess access;
    private final AdminService admin;

    AdminApiController(AdminAccess access, AdminService admin) {
        this.access = access;
        this.admin = admin;
    }

    @GetMapping("/members")
    @Operation(summary = "Find members by name or address, newest first",
            description = "status ACTIVE, AWAITING_APPROVAL, SUSPENDED, IMPORTED or UNVERIFIED. Moderators and administrators.")
    Page<MemberJson> members(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String q,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        Actor actor = access.moderator(me.memberId());
        return admin.members(actor, q, status, PageRequest.of(limit, cursor)).map(MemberJson::of);
    }

    @PostMapping("/members/{id}/suspend")
    @Operation(summary = "Suspend a member",
            description = "{reason, until?}: until an ISO-8601 instant, or open-ended. The member is signed out, cannot sign in "
                    + "(403 account-suspended) and is 404 to everyone else; their content is hidden, not deleted. "
                    + "Moderators may not suspend moderators or administrators (403).")
    MemberJson suspend(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                       @RequestBody(required = false) SuspendRequest body) {
        Actor actor = access.moderator(me.memberId());
        SuspendRequest b = body == null ? new SuspendRequest(null, null) : body;
        return MemberJson.of(admin.suspend(actor, id, b.reason(), instant(b.until(), "until")));
    }

    @PostMapping("/members/{id}/unsuspend")
    @Operation(summary = "Lift a member's suspension", description = "{reason?}; harmless when not suspended")
    MemberJson unsuspend(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                         @RequestBody(required = false) ReasonRequest body) {
        Actor actor = access.moderator(me.memberId());
        return MemberJson.of(admin.unsuspend(actor, id, body == null ? null : body.reason()));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/members/{id}/password-reset")
    @Operation(summary = "Mail the member a password reset link",
            description = "Administrators only. 202: the member is mailed a single-use link valid one hour")
    ResponseEntity<Void> passwordReset(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        admin.sendPasswordReset(access.moderator(me.memberId()), id);
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/members/{id}")
    @Operation(summary = "Delete a member and everything of theirs, as DELETE /me does",
            description = "Administrators only; not yourself, not the last administrator. 204")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @RequestParam(required = false) String reason) {
        admin.delete(access.moderator(me.memberId()), id, reason);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/settings")
    @Operation(summary = "Site settings: sign-up policy, site name, public URL", description = "Administrators only")
    SiteSettings settings(@AuthenticationPrincipal MemberPrincipal me) {
        return admin.settings(access.moderator(me.memberId()));
    }

    @PatchMapping("/settings")
    @Operation(summary = "Change site settings; fields left out stay as they are",
            description = "signupMode OPEN, INVITE_ONLY (addresses a member invited by e-mail), DOMAINS (allowedEmailDomains) "
                    + "or APPROVAL (every sign-up waits in /admin/sign-up-requests). siteName and publicUrl are what pages "
                    + "and mails show. Administrators only.")
    SiteSettings changeSettings(@AuthenticationPrincipal MemberPrincipal me,
                                @RequestBody(required = false) SettingsRequest body) {
        SettingsRequest b = body == null ? new SettingsRequest(null, null, null, null) : body;
        return admin.changeSettings(access.moderator(me.memberId()), b.signupMode(), b.allowedEmailDomains(),
                b.siteName(), b.publicUrl());
    }

    @GetMapping("/sign-up-requests")
    @Operation(summary = "Sign-ups waiting for approval, oldest first",
            description = "While signupMode is APPROVAL a new account is held: it cannot sign in (403 awaiting-approval) "
                    + "and is 404 to everyone, as a suspended member. Administrators only.")
    Page<SignUpRequestJson> signUpRequests(@AuthenticationPrincipal MemberPrincipal me,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor) {
        return admin.signUpRequests(access.moderator(me.memberId()), PageRequest.of(limit, cursor))
                .map(r -> new SignUpRequestJson(Long.toString(r.id()), r.email(), r.name(), r.requestedAt()));
    }

    @PostMapping("/sign-up-requests/{id}/approve")
    @Operation(summary = "Approve a sign-up: the person can sign in and is mailed the decision",
            description = "Audited as SIGNUP_APPROVED. 404 when nobody with this id waits. Administrators only.")
    MemberJson approveSignUp(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return MemberJson.of(admin.approve(access.moderator(me.memberId()), id));
    }

    @PostMapping("/sign-up-requests/{id}/refuse")
    @Operation(summary = "Refuse a sign-up: the account is erased and the person is mailed the decision",
            description = "{reason?} (at most 1000 characters, included in the mail). Audited as SIGNUP_REFUSED. "
                    + "404 when nobody with this id waits. Administrators only. 204")
    ResponseEntity<Void> refuseSignUp(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                      @RequestBody(required = false) ReasonRequest body) {
        admin.refuse(access.moderator(me.memberId()), id, body == null ? null : body.reason());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/audit-log")
    @Operation(summary = "The audit log of every administrative action, newest first",
            description = "{at, actor, action, subject, reason}. Moderators and administrators.")
    Page<AuditJson> auditLog(@AuthenticationPrincipal MemberPrincipal me,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        return admin.auditLog(access.moderator(me.memberId()), PageRequest.of(limit, cursor))
                .map(e -> new AuditJson(e.at(), e.actor(), e.action(), e.subject(), e.reason()));
    }

    @GetMapping("/audit-log.csv")
    @Operation(summary = "The whole audit log as CSV",
            description = "Cells starting with = + - @, a tab or a carriage return get a leading apostrophe.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The audit log, newest first",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
    void auditLogCsv(@AuthenticationPrincipal MemberPrincipal me, HttpServletResponse response) throws IOException {
        Actor actor = access.moderator(me.memberId());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        AuditCsv.write(admin, actor, writer);
        writer.flush();
    }

    static Instant instant(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "Give a time such as 2027-01-31T00:00:00Z.");
        }
    }
}
