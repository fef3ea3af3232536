package org.rapport.server.report;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.admin.AdminAccess;
import org.rapport.server.report.ReportEnums.Action;
import org.rapport.server.report.ReportEnums.Reason;
import org.rapport.server.report.ReportEnums.Status;
import org.rapport.server.report.ReportEnums.SubjectType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reports and the moderation queue over the API (issue 17). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reports", description = "Report members and content; the moderation queue (issue 17)")
class ReportApiController {

    record ReportRequest(String subjectType, String subjectId, String reason, String details) {
    }

    record ReportJson(String id, SubjectType subjectType, String subjectId, Reason reason, String details, Status status,
                      Action outcome, Instant createdAt, Instant resolvedAt) {
        static ReportJson of(ReportService.MyReport r) {
            return new ReportJson(Long.toString(r.id()), r.subjectType(), Long.toString(r.subjectId()), r.reason(),
                    r.details(), r.status(), r.outcome(), r.createdAt(), r.resolvedAt());
        }
    }

    record ItemsJson<T>(List<T> items) {
    }

    record QueueReportJson(String id, String reporter, Reason reason, String details, Instant createdAt, Action outcome,
                           String note) {
    }

    record QueueEntryJson(SubjectType subjectType, String subjectId, String subjectMemberId, String subjectMember,
                          String excerpt, int count, List<QueueReportJson> reports) {
    }

    record ResolveRequest(String action, String note) {
    }

    record ResolvedJson(int resolved) {
    }

    private final ReportService reports;
    private final AdminAccess access;

    ReportApiController(ReportService reports, AdminAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/reports")
    @Operation(summary = "Report a member or content",
            description = "{subjectType MEMBER|POST|MESSAGE|GROUP|GROUP_POST|GROUP_COMMENT|INVITATION, subjectId, "
                    + "reason SPAM|HARASSMENT|IMPERSONATION|INAPPROPRIATE|OTHER, details?} → 201 {id, status OPEN}. "
                    + "404 when the subject is nothing the caller can see; reporting it again while open returns the same report.")
    ResponseEntity<ReportJson> report(@AuthenticationPrincipal MemberPrincipal me,
                                      @RequestBody(required = false) ReportRequest body) {
        ReportRequest b = body == null ? new ReportRequest(null, null, null, null) : body;
        ReportJson r = ReportJson.of(reports.report(me.memberId(), b.subjectType(), b.subjectId(), b.reason(), b.details()));
        return ResponseEntity.created(URI.create("/api/v1/me/reports")).body(r);
    }

    @GetMapping("/me/reports")
    @Operation(summary = "My reports and their outcomes, newest first")
    ItemsJson<ReportJson> mine(@AuthenticationPrincipal MemberPrincipal me) {
        return new ItemsJson<>(reports.mine(me.memberId()).stream().map(ReportJson::of).toList());
    }

    @GetMapping("/admin/reports")
    @Operation(summary = "The moderation queue: reports grouped by subject, the most reported first",
            description = "status OPEN (default) or RESOLVED; with what the subject said and whose it is. "
                    + "Moderators and administrators; 404 to members.")
    ItemsJson<QueueEntryJson> queue(@AuthenticationPrincipal MemberPrincipal me,
                                    @RequestParam(required = false) String status) {
        var actor = access.moderator(me.memberId());
        return new ItemsJson<>(reports.queue(actor, status).stream().map(e -> new QueueEntryJson(e.subjectType(),
                Long.toString(e.subjectId()), e.subjectMemberId() == null ? null : Long.toString(e.subjectMemberId()),
                e.subjectMember(), e.excerpt(), e.count(), e.reports().stream().map(r -> new QueueReportJson(
                        Long.toString(r.id()), r.reporter(), r.reason(), r.details(), r.createdAt(), r.outcome(),
                        r.note())).toList())).toList());
    }

    @PostMapping("/admin/reports/{id}/resolve")
    @Operation(summary = "Resolve a report, and every open report on the same subject",
            description = "{action DISMISS|REMOVE_CONTENT|WARN|SUSPEND_MEMBER, note}: REMOVE_CONTENT deletes the post, "
                    + "message or group post or comment and tells its author; WARN tells the author; SUSPEND_MEMBER "
                    + "suspends the author (note required). 409 when already resolved. Moderators and administrators.")
    ResolvedJson resolve(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                         @RequestBody(required = false) ResolveRequest body) {
        var actor = access.moderator(me.memberId());
        ResolveRequest b = body == null ? new ResolveRequest(null, null) : body;
        return new ResolvedJson(reports.resolve(actor, id, b.action(), b.note()));
    }
}
