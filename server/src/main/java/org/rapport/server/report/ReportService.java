package org.rapport.server.report;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.server.admin.Actor;
import org.rapport.server.admin.AdminService;
import org.rapport.server.invitation.IgnoreReason;
import org.rapport.server.invitation.InvitationReported;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.report.ReportEnums.Action;
import org.rapport.server.report.ReportEnums.Reason;
import org.rapport.server.report.ReportEnums.Status;
import org.rapport.server.report.ReportEnums.SubjectType;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.rapport.server.system.ValidationException.Errors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports (issue 17). A member reports what they can see; reporting the same subject again while
 * their report is open returns that report. Moderators see the open reports grouped by subject, the
 * most reported first, and resolve a subject's reports at once; the action and its note go to the
 * audit log, the reporters see the outcome, an author whose content was removed (or who was warned)
 * is notified.
 */
@Service
public class ReportService {

    static final int DETAILS_MAX = 2000;
    static final int NOTE_MAX = 1000;
    static final int QUEUE_MAX = 500;

    /** A report as its reporter sees it. */
    public record MyReport(long id, SubjectType subjectType, long subjectId, Reason reason, String details, Status status,
                           Action outcome, Instant createdAt, Instant resolvedAt) {
    }

    /** One report in the queue. */
    public record QueueReport(long id, String reporter, Reason reason, String details, Instant createdAt,
                              Action outcome, String note) {
    }

    /** Every report on one subject, with what it said and whose it is. */
    public record QueueEntry(SubjectType subjectType, long subjectId, Long subjectMemberId, String subjectMember,
                             String excerpt, List<QueueReport> reports) {
        public int count() {
            return reports.size();
        }

        /** The report to resolve the subject by. */
        public long firstReportId() {
            return reports.get(0).id();
        }
    }

    private final ReportRepository reports;
    private final ReportSubjects subjects;
    private final AdminService admin;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReportService(ReportRepository reports, ReportSubjects subjects, AdminService admin,
                  NotificationService notifications, TransactionTemplate tx, Clock clock) {
        this.reports = reports;
        this.subjects = subjects;
        this.admin = admin;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    public MyReport report(long reporter, String rawType, String rawSubjectId, String rawReason, String rawDetails) {
        Errors errors = new Errors();
        SubjectType type = ReportEnums.parse(SubjectType.class, rawType);
        if (type == null) {
            errors.add("subjectType", "Choose MEMBER, POST, MESSAGE, GROUP, GROUP_POST, GROUP_COMMENT or INVITATION.");
        }
        long subjectId = 0;
        try {
            subjectId = Long.parseLong(rawSubjectId == null ? "" : rawSubjectId.strip());
        } catch (NumberFormatException e) {
            errors.add("subjectId", "subjectId names what you report.");
        }
        Reason reason = ReportEnums.parse(Reason.class, rawReason);
        if (reason == null) {
            errors.add("reason", "Choose SPAM, HARASSMENT, IMPERSONATION, INAPPROPRIATE or OTHER.");
        }
        String details = rawDetails == null ? "" : Text.cleanMultiline(rawDetails);
        if (details.length() > DETAILS_MAX) {
            errors.add("details", "Use at most " + DETAILS_MAX + " characters.");
        }
        errors.throwIfAny();
        long id = subjectId;
        return tx.execute(status -> {
            ReportSubjects.Seen seen = subjects.seenBy(reporter, type, id);
            var existing = reports.findOpen(reporter, type, id);
            long reportId = existing.isPresent() ? existing.get().id()
                    : reports.insert(reporter, type, id, seen.memberId(), seen.excerpt(), reason, details, clock.instant());
            return mine(reports.find(reportId).orElseThrow());
        });
    }

    /** The "I don't know this person" and spam answers to invitations come into the queue as reports. */
    @EventListener
    void on(InvitationReported event) {
        reports.insert(event.recipientId(), SubjectType.INVITATION, event.invitationId(), event.senderId(), "",
                event.reason() == IgnoreReason.SPAM ? Reason.SPAM : Reason.OTHER,
                event.reason() == IgnoreReason.SPAM ? "" : "Ignored the invitation: does not know the sender.",
                clock.instant());
    }

    public List<MyReport> mine(long reporter) {
        return reports.byReporter(reporter, 100).stream().map(ReportService::mine).toList();
    }

    /** Reports by status, grouped by subject: open ones with the most reported subject first. */
    public List<QueueEntry> queue(Actor moderator, String rawStatus) {
        Status status = rawStatus == null || rawStatus.isBlank() ? Status.OPEN : ReportEnums.parse(Status.class, rawStatus);
        if (status == null) {
            throw new ValidationException("status", "Choose OPEN or RESOLVED.");
        }
        Map<String, List<ReportRepository.Row>> bySubject = new LinkedHashMap<>();
        for (ReportRepository.Row r : reports.byStatus(status, QUEUE_MAX)) {
            bySubject.computeIfAbsent(r.subjectType() + ":" + r.subjectId(), k -> new ArrayList<>()).add(r);
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (List<ReportRepository.Row> rows : bySubject.values()) {
            ReportRepository.Row first = rows.get(0);
            entries.add(new QueueEntry(first.subjectType(), first.subjectId(), first.subjectMemberId(),
                    first.subjectMemberId() == null ? "" : admin.label(first.subjectMemberId()), first.excerpt(),
                    rows.stream().map(r -> new QueueReport(r.id(),
                            r.reporterId() == null ? "a deleted member" : admin.label(r.reporterId()), r.reason(),
                            r.details(), r.createdAt(), r.outcome(), r.note())).toList()));
        }
        if (status == Status.OPEN) {
            entries.sort(Comparator.comparingInt(QueueEntry::count).reversed());
        }
        return entries;
    }

    /** Resolves the report, and every other open report on its subject, with one action. */
    public int resolve(Actor moderator, long reportId, String rawAction, String rawNote) {
        Errors errors = new Errors();
        Action action = ReportEnums.parse(Action.class, rawAction);
        if (action == null) {
            errors.add("action", "Choose DISMISS, REMOVE_CONTENT, WARN or SUSPEND_MEMBER.");
        }
        String note = rawNote == null ? "" : Text.cleanMultiline(rawNote);
        if (note.length() > NOTE_MAX) {
            errors.add("note", "Use at most " + NOTE_MAX + " characters.");
        }
        if (action == Action.SUSPEND_MEMBER && note.isEmpty()) {
            errors.add("note", "Say why the member is suspended: they and the audit log will see it.");
        }
        errors.throwIfAny();
        ReportRepository.Row report = reports.find(reportId)
                .orElseThrow(() -> new NotFoundException("There is no report with this id."));
        if (report.status() != Status.OPEN) {
            throw new ReportAlreadyResolvedException();
        }
        Long author = report.subjectMemberId();
        if ((action == Action.WARN || action == Action.SUSPEND_MEMBER) && author == null) {
            throw new ValidationException("action", "Nobody is behind this subject any more: dismiss it.");
        }
        String subject = report.subjectType() + " " + report.subjectId()
                + (author == null ? "" : " by " + admin.label(author));
        if (action == Action.SUSPEND_MEMBER) {
            // Its own transaction and audit line (MEMBER_SUSPENDED); refused suspensions resolve nothing.
            admin.suspend(moderator, author, note, null);
        }
        return tx.execute(status -> {
            if (action == Action.REMOVE_CONTENT) {
                if (!subjects.remove(report.subjectType(), report.subjectId(), author)) {
                    throw new ValidationException("action",
                            "A " + report.subjectType().name().toLowerCase() + " has no content to remove: suspend the member instead.");
                }
                notifications.notify(author, NotificationKind.CONTENT_REMOVED, moderator.memberId(), null);
            } else if (action == Action.WARN) {
                notifications.notify(author, NotificationKind.MODERATION_WARNING, moderator.memberId(), null);
            }
            int resolved = reports.resolveSubject(report.subjectType(), report.subjectId(), moderator.memberId(), action,
                    note, clock.instant());
            admin.audit(moderator, "REPORT_" + action.name(), subject, note);
            return resolved;
        });
    }

    private static MyReport mine(ReportRepository.Row r) {
        return new MyReport(r.id(), r.subjectType(), r.subjectId(), r.reason(), r.details(), r.status(), r.outcome(),
                r.createdAt(), r.resolvedAt());
    }
}
