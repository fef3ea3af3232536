package org.rapport.server.report;

import java.util.Optional;

import org.rapport.server.feed.FeedItem;
import org.rapport.server.feed.PostService;
import org.rapport.server.group.GroupPost;
import org.rapport.server.group.GroupService;
import org.rapport.server.group.GroupView;
import org.rapport.server.invitation.Invitation;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.report.ReportEnums.SubjectType;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a report names, as the reporter sees it: each type is looked up through the service that
 * decides who may see it, so a member can only report what they can see (anything else is 404,
 * as for something that does not exist). A moderator's removal is done by the feature that owns
 * the content (feed, messaging, groups), through its service.
 */
@Component
class ReportSubjects {

    static final int EXCERPT_MAX = 500;

    /** Whose it is and what it said when reported. */
    record Seen(Long memberId, String excerpt) {
    }

    private final MemberRepository members;
    private final BlockService blocks;
    private final PostService posts;
    private final GroupService groups;
    private final InvitationService invitations;
    private final MessagingService messages;
    private final JdbcClient jdbc;

    ReportSubjects(MemberRepository members, BlockService blocks, PostService posts, GroupService groups,
                   InvitationService invitations, MessagingService messages, JdbcClient jdbc) {
        this.members = members;
        this.blocks = blocks;
        this.posts = posts;
        this.groups = groups;
        this.invitations = invitations;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    Seen seenBy(long reporter, SubjectType type, long id) {
        return switch (type) {
            case MEMBER -> {
                if (id == reporter) {
                    throw new ValidationException("subjectId", "You cannot report yourself.");
                }
                Member m = members.findById(id).orElseThrow(() -> new NotFoundException("There is no member with this id."));
                blocks.requireVisible(reporter, id);
                yield new Seen(id, excerpt(m.name() + (m.headline().isEmpty() ? "" : " — " + m.headline())));
            }
            case POST -> {
                FeedItem item = posts.get(reporter, id);
                yield new Seen(item.post().authorId(), excerpt(item.post().body()));
            }
            case MESSAGE -> {
                record Msg(long senderId, String body) {
                }
                Msg msg = jdbc.sql("""
                                SELECT m.sender_id, m.body FROM messages m
                                JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.member_id = :me
                                WHERE m.id = :id""")
                        .param("me", reporter).param("id", id).query(Msg.class).optional()
                        .filter(m -> !blocks.hidden(reporter, m.senderId()))
                        .orElseThrow(() -> new NotFoundException("There is no message with this id."));
                yield new Seen(msg.senderId(), excerpt(msg.body()));
            }
            case GROUP -> {
                GroupView view = groups.view(reporter, id);
                yield new Seen(view.group().ownerId(), excerpt(view.group().name() + " — " + view.group().description()));
            }
            case GROUP_POST -> {
                long groupId = groupOfPost(id).orElseThrow(() -> new NotFoundException("There is no post with this id."));
                GroupPost post = groups.post(reporter, groupId, id);
                yield new Seen(post.author().member().id(), excerpt(post.text()));
            }
            case GROUP_COMMENT -> {
                record Comment(long postId, long groupId, long authorId, String body) {
                }
                Comment c = jdbc.sql("""
                                SELECT c.post_id, p.group_id, c.author_id, c.body FROM group_comments c
                                JOIN group_posts p ON p.id = c.post_id WHERE c.id = :id""")
                        .param("id", id).query(Comment.class).optional()
                        .orElseThrow(() -> new NotFoundException("There is no comment with this id."));
                groups.post(reporter, c.groupId(), c.postId());
                blocks.requireVisible(reporter, c.authorId());
                yield new Seen(c.authorId(), excerpt(c.body()));
            }
            case INVITATION -> {
                Invitation inv = invitations.get(reporter, id);
                if (inv.recipientId() != reporter) {
                    throw new ValidationException("subjectId", "Report invitations you received.");
                }
                yield new Seen(inv.senderId(), excerpt(inv.note() == null ? "" : inv.note()));
            }
        };
    }

    /** Removes reported content; false when the type has none to remove (a member, a group, an invitation). */
    boolean remove(SubjectType type, long id, Long authorId) {
        return switch (type) {
            case POST -> {
                if (authorId != null) {
                    try {
                        posts.delete(authorId, id); // as its author would: the feed forgets it too
                    } catch (NotFoundException e) {
                        // already gone
                    }
                }
                yield true;
            }
            case MESSAGE -> {
                messages.removeReportedMessage(id);
                yield true;
            }
            case GROUP_POST -> {
                groups.removeReportedPost(id);
                yield true;
            }
            case GROUP_COMMENT -> {
                groups.removeReportedComment(id);
                yield true;
            }
            case MEMBER, GROUP, INVITATION -> false;
        };
    }

    private Optional<Long> groupOfPost(long postId) {
        return jdbc.sql("SELECT group_id FROM group_posts WHERE id = :id").param("id", postId).query(Long.class).optional();
    }

    static String excerpt(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() <= EXCERPT_MAX ? t : t.substring(0, EXCERPT_MAX - 1) + "…";
    }
}
