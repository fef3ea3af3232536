package org.rapport.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.account.AccountSuspendedException;
import org.rapport.server.admin.Actor;
import org.rapport.server.admin.AdminAccess;
import org.rapport.server.admin.AdminService;
import org.rapport.server.feed.Post;
import org.rapport.server.feed.PostService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupComment;
import org.rapport.server.group.GroupPost;
import org.rapport.server.group.GroupService;
import org.rapport.server.invitation.IgnoreReason;
import org.rapport.server.member.Member;
import org.rapport.server.messaging.Message;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.report.ReportEnums.Action;
import org.rapport.server.report.ReportEnums.Status;
import org.rapport.server.report.ReportEnums.SubjectType;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/** Reports and the moderation queue (issue 17) on both databases. */
abstract class ReportServiceContract extends IntegrationContract {

    @Autowired
    ReportService reports;
    @Autowired
    AdminService admin;
    @Autowired
    AdminAccess access;
    @Autowired
    PostService posts;
    @Autowired
    BlockService blocks;
    @Autowired
    AccountService accounts;
    @Autowired
    MessagingService messaging;
    @Autowired
    GroupService groups;

    private Actor moderator() {
        Member m = members.create("Mod");
        admin.grantFromCommandLine(m.email(), "moderator");
        return access.moderator(m.id());
    }

    private ReportService.QueueEntry entry(Actor mod, String status, SubjectType type, long id) {
        return reports.queue(mod, status).stream().filter(e -> e.subjectType() == type && e.subjectId() == id)
                .findFirst().orElse(null);
    }

    @Test
    void aMemberReportsOnlyWhatTheyCanSee() {
        Member author = members.create("Author");
        Member friend = members.create("Friend");
        Member stranger = members.create("Stranger");
        connect(author, friend);
        Post post = posts.create(author.id(), "For my connections only", "CONNECTIONS");

        var report = reports.report(friend.id(), "POST", Long.toString(post.id()), "SPAM", "Buy now");
        assertThat(report.status()).isEqualTo(Status.OPEN);
        assertThat(report.subjectType()).isEqualTo(SubjectType.POST);
        assertThatThrownBy(() -> reports.report(stranger.id(), "POST", Long.toString(post.id()), "SPAM", null))
                .isInstanceOf(NotFoundException.class);
        blocks.block(author.id(), stranger.id());
        assertThatThrownBy(() -> reports.report(stranger.id(), "MEMBER", Long.toString(author.id()), "SPAM", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reports.report(friend.id(), "MESSAGE", "999999999", "SPAM", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reports.report(friend.id(), "MEMBER", Long.toString(friend.id()), "SPAM", null))
                .isInstanceOf(ValidationException.class);
        assertThat(reports.mine(stranger.id())).isEmpty();
    }

    @Test
    void badReportsNameEveryProblemAndReportingTwiceKeepsOneReport() {
        Member a = members.create("A");
        Member b = members.create("B");
        assertThatThrownBy(() -> reports.report(a.id(), "PHOTO", "x", "RUDE", "d".repeat(2001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactlyInAnyOrder("subjectType", "subjectId", "reason", "details"));
        var first = reports.report(a.id(), "member", Long.toString(b.id()), "impersonation", "Not really B");
        var again = reports.report(a.id(), "MEMBER", Long.toString(b.id()), "SPAM", null);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(reports.mine(a.id())).hasSize(1);
    }

    @Test
    void theQueueGroupsReportsOnOneSubjectAndResolvingOneResolvesThemAll() {
        Actor mod = moderator();
        Member target = members.create("Target");
        Member r1 = members.create("R1");
        Member r2 = members.create("R2");
        Member r3 = members.create("R3");
        long id1 = reports.report(r1.id(), "MEMBER", Long.toString(target.id()), "SPAM", "first").id();
        reports.report(r2.id(), "MEMBER", Long.toString(target.id()), "IMPERSONATION", null);
        reports.report(r3.id(), "MEMBER", Long.toString(target.id()), "SPAM", null);

        var entry = entry(mod, "OPEN", SubjectType.MEMBER, target.id());
        assertThat(entry.count()).isEqualTo(3);
        assertThat(entry.subjectMemberId()).isEqualTo(target.id());
        assertThat(entry.excerpt()).contains(target.firstName());
        assertThat(entry.reports().get(0).details()).isEqualTo("first");
        List<ReportService.QueueEntry> queue = reports.queue(mod, "OPEN");
        assertThat(queue.indexOf(entry)).as("most reported first").isLessThanOrEqualTo(
                (int) queue.stream().filter(e -> e.count() > 3).count());

        assertThat(reports.resolve(mod, id1, "DISMISS", "Looks fine")).isEqualTo(3);
        assertThat(entry(mod, "OPEN", SubjectType.MEMBER, target.id())).isNull();
        assertThat(entry(mod, "RESOLVED", SubjectType.MEMBER, target.id()).count()).isEqualTo(3);
        assertThat(reports.mine(r2.id())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.RESOLVED);
            assertThat(r.outcome()).isEqualTo(Action.DISMISS);
        });
        assertThatThrownBy(() -> reports.resolve(mod, id1, "DISMISS", null)).isInstanceOf(ReportAlreadyResolvedException.class);
        assertThatThrownBy(() -> reports.queue(mod, "PENDING")).isInstanceOf(ValidationException.class);
    }

    @Test
    void removingContentDeletesItTellsTheAuthorAndTheReporterAndIsAudited() {
        Actor mod = moderator();
        Member author = members.create("Author");
        Member reader = members.create("Reader");
        connect(author, reader);
        Post post = posts.create(author.id(), "Cheap watches here", "CONNECTIONS");
        long reportId = reports.report(reader.id(), "POST", Long.toString(post.id()), "SPAM", null).id();
        assertThatThrownBy(() -> reports.resolve(mod, reportId, "REMOVE_EVERYTHING", "x".repeat(1001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder("action", "note"));

        reports.resolve(mod, reportId, "REMOVE_CONTENT", "Spam");

        assertThatThrownBy(() -> posts.get(reader.id(), post.id())).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :m AND kind = :k")
                .param("m", author.id()).param("k", NotificationKind.CONTENT_REMOVED.name()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(reports.mine(reader.id()).get(0).outcome()).isEqualTo(Action.REMOVE_CONTENT);
        assertThat(admin.auditLog(mod, PageRequest.of(1, null)).items().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("REPORT_REMOVE_CONTENT");
            assertThat(e.subject()).contains("POST " + post.id()).contains(author.email());
            assertThat(e.reason()).isEqualTo("Spam");
        });
    }

    @Test
    void removingAMessageAGroupPostOrACommentRemovesOnlyThatThroughItsFeature() {
        Actor mod = moderator();
        Member author = members.create("Author");
        Member reader = members.create("Reader");
        connect(author, reader);
        Message kept = messaging.start(author.id(), reader.id(), "Hello").message();
        Message spam = messaging.send(author.id(), kept.conversationId(), "Buy cheap watches").message();
        long group = groups.create(author.id(), new GroupChanges("Watch club " + System.nanoTime(), "", "", "PUBLIC",
                true, false)).group().id();
        groups.join(reader.id(), group);
        GroupPost post = groups.write(author.id(), group, "Cheap watches in this post");
        GroupPost keptPost = groups.write(author.id(), group, "A fair post");
        GroupComment comment = groups.comment(author.id(), group, keptPost.id(), "Cheap watches in this comment");

        for (var subject : List.of(List.of("MESSAGE", spam.id()), List.of("GROUP_POST", post.id()),
                List.of("GROUP_COMMENT", comment.id()))) {
            long reportId = reports.report(reader.id(), (String) subject.get(0), subject.get(1).toString(), "SPAM", null).id();
            reports.resolve(mod, reportId, "REMOVE_CONTENT", "Spam");
        }

        assertThat(messaging.messages(reader.id(), kept.conversationId(), PageRequest.of(10, null)).items())
                .extracting(Message::id).containsExactly(kept.id());
        assertThatThrownBy(() -> groups.post(reader.id(), group, post.id())).isInstanceOf(NotFoundException.class);
        assertThat(groups.post(reader.id(), group, keptPost.id()).text()).isEqualTo("A fair post");
        assertThat(groups.comments(reader.id(), group, keptPost.id(), PageRequest.of(10, null)).items()).isEmpty();
        assertThat(admin.auditLog(mod, PageRequest.of(3, null)).items()).extracting(AdminService.AuditEntry::subject)
                .satisfiesExactly(s -> assertThat(s).startsWith("GROUP_COMMENT " + comment.id()),
                        s -> assertThat(s).startsWith("GROUP_POST " + post.id()),
                        s -> assertThat(s).startsWith("MESSAGE " + spam.id()));
    }

    @Test
    void suspendingTheAuthorFromAReportSuspendsThemAndAuditsBoth() {
        Actor mod = moderator();
        Member author = members.create("Author");
        Member reader = members.create("Reader");
        long reportId = reports.report(reader.id(), "MEMBER", Long.toString(author.id()), "HARASSMENT", null).id();
        assertThatThrownBy(() -> reports.resolve(mod, reportId, "SUSPEND_MEMBER", ""))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> reports.resolve(mod, reportId, "REMOVE_CONTENT", ""))
                .as("a member has no content to remove").isInstanceOf(ValidationException.class);

        reports.resolve(mod, reportId, "SUSPEND_MEMBER", "Harassed several members");

        assertThatThrownBy(() -> accounts.authenticate(author.email(), TestMembers.PASSWORD, "10.2.0.1"))
                .isInstanceOf(AccountSuspendedException.class);
        assertThat(admin.auditLog(mod, PageRequest.of(2, null)).items()).extracting(AdminService.AuditEntry::action)
                .containsExactly("REPORT_SUSPEND_MEMBER", AdminService.SUSPENDED);
        assertThat(reports.mine(reader.id()).get(0).outcome()).isEqualTo(Action.SUSPEND_MEMBER);
    }

    @Test
    void invitationsIgnoredAsSpamOrUnknownComeIntoTheQueue() {
        Actor mod = moderator();
        Member sender = members.create("Sender");
        Member recipient = members.create("Recipient");
        long inv = invitations.invite(sender.id(), recipient.id(), "Buy my course").invitation().id();
        invitations.ignore(recipient.id(), inv, IgnoreReason.SPAM);

        var entry = entry(mod, "OPEN", SubjectType.INVITATION, inv);
        assertThat(entry).isNotNull();
        assertThat(entry.subjectMemberId()).isEqualTo(sender.id());
        assertThat(entry.reports()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(ReportEnums.Reason.SPAM));
        assertThat(reports.mine(recipient.id())).singleElement()
                .satisfies(r -> assertThat(r.subjectType()).isEqualTo(SubjectType.INVITATION));
    }
}
