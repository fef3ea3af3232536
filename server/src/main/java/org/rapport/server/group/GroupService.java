package org.rapport.server.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.rapport.server.account.AccountDeleting;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups (G3, G4). Every answer depends on the caller's {@link Relation} to the group:
 *
 * <ul>
 *   <li><b>Finding.</b> A listed group is found by anyone signed in; an unlisted one only by its
 *       members, invitees and requesters (a direct link still opens its page, as on LinkedIn). A
 *       banned member gets 404 for an unlisted group.</li>
 *   <li><b>Reading</b> discussions and the member list: members; in a PUBLIC group also every
 *       signed-in member who is not banned. A MEMBERS_ONLY group shows outsiders its name,
 *       description and rules only (403 for the rest).</li>
 *   <li><b>Joining.</b> A PUBLIC group is joined at once; a MEMBERS_ONLY one takes a request an
 *       owner or manager approves or denies; an invitation (from a member who is the invitee's
 *       connection) lets the invitee in whatever the visibility. A banned member cannot join, ask
 *       or be invited.</li>
 *   <li><b>Managing.</b> Owners and managers edit the group, answer requests, approve pending
 *       posts, remove and ban members; a manager cannot remove or ban another manager or the owner.
 *       Only the owner promotes and demotes managers and transfers ownership; the owner cannot leave
 *       before transferring (409).</li>
 *   <li><b>Discussions.</b> Members post and comment; with post approval on, a member's post waits
 *       (PENDING) until an owner or manager approves it, and pending posts older than
 *       {@link #PENDING_POST_LIFETIME} are removed by {@link #purgePendingPosts()}.</li>
 * </ul>
 * Members hidden from the caller by a block are left out of every list. Membership changes to one
 * group lock its row, so they serialise on PostgreSQL as on SQLite.
 */
@Service
public class GroupService {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_RULES = 2000;
    public static final int MAX_POST = 3000;
    public static final int MAX_COMMENT = 1250;
    public static final Duration PENDING_POST_LIFETIME = Duration.ofDays(14);
    /** Groups a member may create in a day, invitations they may send in a day, posts and comments in 10 minutes. */
    public static final int MAX_GROUPS_PER_DAY = 10;
    public static final int MAX_INVITATIONS_PER_DAY = 200;
    public static final int MAX_WRITES_PER_10_MINUTES = 30;

    private static final Logger log = LoggerFactory.getLogger(GroupService.class);

    private final GroupRepository groups;
    private final DiscussionRepository discussions;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final Clock clock;

    public GroupService(GroupRepository groups, DiscussionRepository discussions, MemberRepository members,
                        NetworkService network, BlockService blocks, NotificationService notifications,
                        TransactionTemplate tx, Clock clock) {
        this.groups = groups;
        this.discussions = discussions;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    // --- groups --------------------------------------------------------------------------------------

    public GroupView create(long me, GroupChanges changes) {
        Values v = values(changes, null);
        long id = tx.execute(status -> {
            Instant now = clock.instant();
            long made = groups.createdSince(me, now.minus(Duration.ofDays(1)));
            if (made >= MAX_GROUPS_PER_DAY) {
                throw new RateLimitException("group-limit", String.format(Locale.ENGLISH,
                        "You can create at most %d groups a day. Try again tomorrow.", MAX_GROUPS_PER_DAY),
                        Duration.ofDays(1));
            }
            return groups.insert(v.name, v.description, v.rules, v.visibility, v.listed, v.postApproval, me, now);
        });
        return view(me, id);
    }

    public GroupView update(long me, long id, GroupChanges changes) {
        GroupView view = view(me, id);
        requireManager(view);
        Values v = values(changes, view.group());
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            groups.update(id, v.name, v.description, v.rules, v.visibility, v.listed, v.postApproval);
        });
        return view(me, id);
    }

    /**
     * The group as I see it: 404 when it does not exist, or is unlisted and I am neither in it,
     * nor invited, nor asked to join before it became unlisted. Group ids are sequential, so
     * an unlisted group open to anyone holding its address would be open to anyone counting.
     */
    public GroupView view(long me, long id) {
        Group g = groups.find(id).orElseThrow(GroupNotFoundException::new);
        Relation r = groups.relation(id, me);
        if (!g.listed() && (r == Relation.BANNED || r == Relation.NONE)) {
            throw new GroupNotFoundException();
        }
        return new GroupView(g, r);
    }

    /** Groups I may find by name (or description), or only mine; by name. */
    public Page<GroupView> search(long me, String rawQuery, boolean mine, PageRequest page) {
        String q = rawQuery == null ? null : Text.clean(Text.withoutControlCharacters(rawQuery));
        if (q != null && q.isEmpty()) {
            q = null;
        }
        String afterName = null;
        long afterId = 0;
        if (page.cursor() != null) {
            List<String> parts = Cursor.decode(page.cursor(), mine ? "my-groups" : "groups", 2);
            afterName = parts.get(0);
            afterId = Cursor.parseLong(parts.get(1));
        }
        List<Group> rows = new ArrayList<>(groups.search(me, q, mine, afterName, afterId, page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            Group last = rows.get(rows.size() - 1);
            next = Cursor.encode(mine ? "my-groups" : "groups", groups.sortName(last.id()), last.id());
        }
        List<GroupView> items = new ArrayList<>();
        for (Group g : rows) {
            Relation r = groups.relation(g.id(), me);
            if (r == Relation.BANNED && !g.listed()) {
                continue;
            }
            items.add(new GroupView(g, r));
        }
        return new Page<>(items, next, null);
    }

    // --- joining and leaving ---------------------------------------------------------------------------

    /**
     * Joins a public group (or one I was invited to) at once, or asks to join a members-only one.
     * Harmless when I am already a member or already asked. Returns my relation afterwards.
     */
    public Relation join(long me, long id) {
        GroupView view = view(me, id);
        if (view.relation() == Relation.BANNED) {
            throw new GroupForbiddenException("group-banned", "You cannot join this group.");
        }
        Relation after = tx.execute(status -> {
            groups.lock(id);
            Relation r = groups.relation(id, me);
            boolean open = !view.group().membersOnly();
            if (r.member() || (r == Relation.REQUESTED && !open)) {
                return r;
            }
            if (r == Relation.BANNED) {
                throw new GroupForbiddenException("group-banned", "You cannot join this group.");
            }
            Instant now = clock.instant();
            if (r == Relation.INVITED || open) {
                // An invitation, or a public group (also for a request made while it was members-only).
                groups.deleteInvitation(id, me);
                groups.deleteRequest(id, me);
                groups.addMember(id, me, GroupRole.MEMBER, now);
                return Relation.MEMBER;
            }
            groups.addRequest(id, me, now);
            return Relation.REQUESTED;
        });
        return after;
    }

    /**
     * An owner deleting their account hands each group they own to its longest-serving manager,
     * else its longest-standing member; a group with nobody
     * else in it goes with them. Runs in the deletion's transaction.
     */
    @EventListener
    public void onAccountDeleting(AccountDeleting event) {
        long leaving = event.memberId();
        for (long id : groups.ownedBy(leaving)) {
            groups.lock(id);
            Optional<Long> successor = groups.successor(id, leaving);
            if (successor.isEmpty()) {
                groups.delete(id);
                continue;
            }
            groups.removeMember(id, leaving);
            groups.setRole(id, successor.get(), GroupRole.OWNER);
            groups.setOwner(id, successor.get());
            log.info("Group {} passed from member {}, who deleted their account, to member {}", id, leaving, successor.get());
        }
    }

    /**
     * Leaves the group, withdraws my request or declines my invitation. The owner must transfer
     * ownership first (409).
     */
    public void leave(long me, long id) {
        view(me, id);
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            Relation r = groups.relation(id, me);
            if (r == Relation.OWNER) {
                throw new GroupConflictException("group-owner-leaving",
                        "You own this group: make another member its owner before you leave.");
            }
            groups.removeMember(id, me);
            groups.deleteRequest(id, me);
            groups.deleteInvitation(id, me);
        });
    }

    /** Invites a connection of mine (I must be a member; they must not be banned or already in). */
    public void invite(long me, long id, long invitee) {
        GroupView view = view(me, id);
        if (!view.relation().member()) {
            throw new GroupForbiddenException("group-members-only", "Only members can invite people to this group.");
        }
        if (invitee == me) {
            throw new ValidationException("memberId", "You are already in this group.");
        }
        if (!members.exists(invitee)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(me, invitee);
        if (!network.areConnected(me, invitee)) {
            throw new GroupForbiddenException("group-invite-connections", "You can invite only your connections.");
        }
        boolean sent = Boolean.TRUE.equals(tx.execute(status -> {
            groups.lock(id);
            Instant now = clock.instant();
            if (groups.invitationsSentSince(me, now.minus(Duration.ofDays(1))) >= MAX_INVITATIONS_PER_DAY) {
                throw new RateLimitException("group-invitation-limit", String.format(Locale.ENGLISH,
                        "You can send at most %d group invitations a day.", MAX_INVITATIONS_PER_DAY), Duration.ofDays(1));
            }
            Relation r = groups.relation(id, invitee);
            if (r.member()) {
                throw new GroupConflictException("group-already-member", "They are already a member of this group.");
            }
            if (r == Relation.BANNED) {
                throw new GroupConflictException("group-cannot-invite", "They cannot be invited to this group.");
            }
            if (!groups.addInvitation(id, invitee, me, now)) {
                return false;
            }
            notifications.notifyAboutGroup(invitee, NotificationKind.GROUP_INVITATION, me, id);
            return true;
        }));
        if (!sent) {
            log.debug("member {} was already invited to group {}", invitee, id);
        }
    }

    /** Whether {@code member} belongs to the group (for pages choosing whom to offer an invitation). */
    public boolean isMember(long id, long member) {
        return groups.role(id, member).isPresent();
    }

    /** Groups I was invited to and have not answered. */
    public List<GroupView> invitations(long me) {
        return groups.invitationsFor(me, 100).stream().map(g -> new GroupView(g, Relation.INVITED)).toList();
    }

    // --- requests (owners and managers) ------------------------------------------------------------------

    public Page<GroupMember> requests(long me, long id, ConnectionFilter filter, PageRequest page) {
        requireManager(view(me, id));
        long[] at = page.cursor() == null ? new long[] {Long.MIN_VALUE, Long.MIN_VALUE} : position(page.cursor(), "requests");
        List<GroupRepository.MemberRow> rows = new ArrayList<>(groups.requests(id, me, filter, at[0], at[1], page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            GroupRepository.MemberRow last = rows.get(rows.size() - 1);
            next = Cursor.encode("requests", last.since(), last.member().id());
        }
        return new Page<>(cards(me, rows), next, groups.requestCount(id));
    }

    public void approve(long me, long id, long member) {
        requireManager(view(me, id));
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            if (!groups.deleteRequest(id, member)) {
                throw new NotFoundException("There is no such request to join.");
            }
            groups.addMember(id, member, GroupRole.MEMBER, clock.instant());
            notifications.notifyAboutGroup(member, NotificationKind.GROUP_REQUEST_APPROVED, me, id);
        });
    }

    public void deny(long me, long id, long member) {
        requireManager(view(me, id));
        boolean done = Boolean.TRUE.equals(tx.execute(status -> groups.deleteRequest(id, member)));
        if (!done) {
            throw new NotFoundException("There is no such request to join.");
        }
    }

    // --- members -----------------------------------------------------------------------------------------

    /** The member directory, newest members first, with degree badges and mutual counts. */
    public Page<GroupMember> directory(long me, long id, ConnectionFilter filter, PageRequest page) {
        requireReader(view(me, id));
        long[] at = page.cursor() == null ? new long[] {Long.MAX_VALUE, Long.MAX_VALUE} : position(page.cursor(), "members");
        List<GroupRepository.MemberRow> rows = new ArrayList<>(groups.directory(id, me, filter, at[0], at[1], page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            GroupRepository.MemberRow last = rows.get(rows.size() - 1);
            next = Cursor.encode("members", last.since(), last.member().id());
        }
        Long total = filter.isEmpty() && page.cursor() == null ? groups.directoryCount(id, me, filter) : null;
        return new Page<>(cards(me, rows), next, total);
    }

    /** Removes a member (they may ask or be invited again). */
    public void remove(long me, long id, long member) {
        GroupView view = view(me, id);
        requireManager(view);
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            GroupRole target = groups.role(id, member).orElseThrow(
                    () -> new NotFoundException("That member is not in this group."));
            requireOutranks(view.relation(), target, member == me);
            groups.removeMember(id, member);
        });
    }

    /** Removes and blocks a member (or a requester, or anyone): they cannot join, ask or be invited again. */
    public void ban(long me, long id, long member) {
        GroupView view = view(me, id);
        requireManager(view);
        if (!members.exists(member)) {
            throw new MemberNotFoundException();
        }
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            var target = groups.role(id, member);
            if (target.isPresent()) {
                requireOutranks(view.relation(), target.get(), member == me);
            } else if (member == me) {
                throw new ValidationException("memberId", "You cannot ban yourself.");
            }
            groups.removeMember(id, member);
            groups.deleteRequest(id, member);
            groups.deleteInvitation(id, member);
            groups.ban(id, member, me, clock.instant());
        });
    }

    public void unban(long me, long id, long member) {
        requireManager(view(me, id));
        if (!Boolean.TRUE.equals(tx.execute(status -> groups.unban(id, member)))) {
            throw new NotFoundException("That member is not banned from this group.");
        }
    }

    public List<GroupMember> bans(long me, long id) {
        requireManager(view(me, id));
        return cards(me, groups.bans(id, 200));
    }

    /** The owner makes a member a manager, or a manager a member again. */
    public void setRole(long me, long id, long member, String rawRole) {
        GroupView view = view(me, id);
        requireOwner(view);
        GroupRole role = parseRole(rawRole);
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            GroupRole current = groups.role(id, member).orElseThrow(
                    () -> new NotFoundException("That member is not in this group."));
            if (current == GroupRole.OWNER) {
                throw new GroupConflictException("group-owner-role",
                        "The owner's role changes only by transferring ownership.");
            }
            groups.setRole(id, member, role);
        });
    }

    /** The owner hands the group to another member; the former owner stays as a manager. */
    public void transfer(long me, long id, long member) {
        GroupView view = view(me, id);
        requireOwner(view);
        if (member == me) {
            throw new ValidationException("memberId", "You already own this group.");
        }
        tx.executeWithoutResult(status -> {
            groups.lock(id);
            groups.role(id, member).orElseThrow(() -> new NotFoundException("That member is not in this group."));
            groups.setRole(id, me, GroupRole.MANAGER);
            groups.setRole(id, member, GroupRole.OWNER);
            groups.setOwner(id, member);
        });
    }

    // --- discussions -------------------------------------------------------------------------------------

    /** Published posts, newest first (pending ones with {@code pending}: managers only). */
    public Page<GroupPost> posts(long me, long id, boolean pending, PageRequest page) {
        GroupView view = view(me, id);
        if (pending) {
            requireManager(view);
        } else {
            requireReader(view);
        }
        String kind = pending ? "pending-posts" : "posts";
        long[] at = page.cursor() == null ? new long[] {Long.MAX_VALUE, Long.MAX_VALUE} : position(page.cursor(), kind);
        List<DiscussionRepository.PostRow> rows = new ArrayList<>(discussions.posts(id, pending, at[0], at[1], page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            DiscussionRepository.PostRow last = rows.get(rows.size() - 1);
            next = Cursor.encode(kind, last.createdAt(), last.id());
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        Map<Long, MemberSummary> authors = members.findSummaries(rows.stream().map(DiscussionRepository.PostRow::authorId).distinct().toList());
        List<GroupPost> items = new ArrayList<>();
        for (DiscussionRepository.PostRow r : rows) {
            MemberSummary a = authors.get(r.authorId());
            if (a != null && !hidden.contains(r.authorId())) {
                items.add(post(me, r, a));
            }
        }
        return new Page<>(items, next, pending ? discussions.pendingCount(id) : null);
    }

    /** One published post (a manager or its author also sees it pending). */
    public GroupPost post(long me, long id, long postId) {
        GroupView view = view(me, id);
        requireReader(view);
        DiscussionRepository.PostRow r = visiblePost(me, view, postId);
        MemberSummary a = members.findSummaries(List.of(r.authorId())).get(r.authorId());
        return post(me, r, a);
    }

    public GroupPost write(long me, long id, String rawText) {
        GroupView view = view(me, id);
        if (!view.canPost()) {
            throw new GroupForbiddenException("group-members-only", "Only members can post in this group.");
        }
        String text = clean(rawText, MAX_POST, "A post");
        boolean pending = view.group().postApproval() && !view.manages();
        long postId = tx.execute(status -> {
            Instant now = clock.instant();
            checkWriteRate(me, now);
            long made = discussions.insertPost(id, me, text, pending, now);
            if (pending) {
                for (long manager : groups.memberIds(id, List.of(GroupRole.OWNER, GroupRole.MANAGER))) {
                    notifications.notifyAboutGroup(manager, NotificationKind.GROUP_POST_PENDING, me, id);
                }
            }
            return made;
        });
        return post(me, id, postId);
    }

    public void approvePost(long me, long id, long postId) {
        GroupView view = view(me, id);
        requireManager(view);
        DiscussionRepository.PostRow r = discussions.findPost(postId).filter(p -> p.groupId() == id)
                .orElseThrow(() -> new NotFoundException("There is no such post in this group."));
        if (r.pending()) {
            tx.executeWithoutResult(status -> discussions.publish(postId));
        }
    }

    /** Deletes a post: its author, or an owner or manager (which is also how a pending post is rejected). */
    public void deletePost(long me, long id, long postId) {
        GroupView view = view(me, id);
        requireReader(view);
        DiscussionRepository.PostRow r = visiblePost(me, view, postId);
        if (r.authorId() != me && !view.manages()) {
            throw new GroupForbiddenException("group-not-your-post", "Only its author or a group manager can delete a post.");
        }
        tx.executeWithoutResult(status -> discussions.deletePost(postId));
    }

    /**
     * Removes a post (and its comments) for a site moderator who upheld a report (issue 17); the
     * moderator decided, so nothing about the group is checked. False when it was already gone.
     */
    public boolean removeReportedPost(long postId) {
        return Boolean.TRUE.equals(tx.execute(status -> discussions.deletePost(postId)));
    }

    /** Removes a comment for a site moderator who upheld a report (issue 17); false when it was already gone. */
    public boolean removeReportedComment(long commentId) {
        return Boolean.TRUE.equals(tx.execute(status -> discussions.deleteComment(commentId)));
    }

    /** A post's comments, oldest first. */
    public Page<GroupComment> comments(long me, long id, long postId, PageRequest page) {
        GroupView view = view(me, id);
        requireReader(view);
        visiblePost(me, view, postId);
        long after = page.cursor() == null ? 0 : Cursor.parseLong(Cursor.decode(page.cursor(), "comments", 1).get(0));
        List<DiscussionRepository.CommentRow> rows = new ArrayList<>(discussions.comments(postId, after, page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("comments", rows.get(rows.size() - 1).id());
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        Map<Long, MemberSummary> authors = members.findSummaries(rows.stream().map(DiscussionRepository.CommentRow::authorId).distinct().toList());
        List<GroupComment> items = new ArrayList<>();
        for (DiscussionRepository.CommentRow c : rows) {
            MemberSummary a = authors.get(c.authorId());
            if (a != null && !hidden.contains(c.authorId())) {
                items.add(new GroupComment(c.id(), c.postId(), network.card(me, a), c.body(), Instant.ofEpochMilli(c.createdAt())));
            }
        }
        return new Page<>(items, next, null);
    }

    public GroupComment comment(long me, long id, long postId, String rawText) {
        GroupView view = view(me, id);
        requireReader(view);
        DiscussionRepository.PostRow r = visiblePost(me, view, postId);
        if (!view.canPost()) {
            throw new GroupForbiddenException("group-members-only", "Only members can comment in this group.");
        }
        if (r.pending()) {
            throw new GroupConflictException("group-post-pending", "This post waits for approval; comments open once it is approved.");
        }
        String text = clean(rawText, MAX_COMMENT, "A comment");
        long commentId = tx.execute(status -> {
            Instant now = clock.instant();
            checkWriteRate(me, now);
            return discussions.insertComment(postId, me, text, now);
        });
        MemberSummary a = members.findSummaries(List.of(me)).get(me);
        return new GroupComment(commentId, postId, network.card(me, a), text, clock.instant());
    }

    /** Removes posts that waited for approval longer than {@link #PENDING_POST_LIFETIME}; how many. */
    public int purgePendingPosts() {
        Instant cutoff = clock.instant().minus(PENDING_POST_LIFETIME);
        Integer removed = org.rapport.server.system.BackgroundRetry.call("Purging stale pending group posts",
                () -> tx.execute(status -> discussions.purgePendingBefore(cutoff)));
        if (removed != null && removed > 0) {
            log.info("removed {} group posts that waited for approval more than 14 days", removed);
        }
        return removed == null ? 0 : removed;
    }

    // -----------------------------------------------------------------------------------------------------

    private DiscussionRepository.PostRow visiblePost(long me, GroupView view, long postId) {
        DiscussionRepository.PostRow r = discussions.findPost(postId)
                .filter(p -> p.groupId() == view.group().id())
                .filter(p -> !p.pending() || p.authorId() == me || view.manages())
                .filter(p -> !blocks.hidden(me, p.authorId()))
                .orElseThrow(() -> new NotFoundException("There is no such post in this group."));
        return r;
    }

    private GroupPost post(long me, DiscussionRepository.PostRow r, MemberSummary author) {
        return new GroupPost(r.id(), r.groupId(), network.card(me, author), r.body(), r.pending(),
                Instant.ofEpochMilli(r.createdAt()), r.commentCount());
    }

    private List<GroupMember> cards(long me, List<GroupRepository.MemberRow> rows) {
        List<GroupMember> out = new ArrayList<>(rows.size());
        for (GroupRepository.MemberRow row : rows) {
            MemberCard card = network.card(me, row.member());
            out.add(new GroupMember(card, row.role(), Instant.ofEpochMilli(row.since())));
        }
        return out;
    }

    private void checkWriteRate(long me, Instant now) {
        if (discussions.writtenSince(me, now.minus(Duration.ofMinutes(10))) >= MAX_WRITES_PER_10_MINUTES) {
            throw new RateLimitException("group-write-limit", String.format(Locale.ENGLISH,
                    "You can write at most %d posts and comments in 10 minutes. Try again shortly.",
                    MAX_WRITES_PER_10_MINUTES), Duration.ofMinutes(10));
        }
    }

    private static void requireReader(GroupView view) {
        if (!view.canRead()) {
            throw new GroupForbiddenException("group-members-only",
                    view.relation() == Relation.BANNED ? "You cannot see this group's discussions or members."
                            : "Only members see this group's discussions and members.");
        }
    }

    private static void requireManager(GroupView view) {
        if (!view.manages()) {
            throw new GroupForbiddenException("group-managers-only", "Only the group's owner and managers can do this.");
        }
    }

    private static void requireOwner(GroupView view) {
        if (!view.owns()) {
            throw new GroupForbiddenException("group-owner-only", "Only the group's owner can do this.");
        }
    }

    /** Managers act on members; the owner on managers and members; nobody on the owner or themselves. */
    private static void requireOutranks(Relation me, GroupRole target, boolean self) {
        if (self) {
            throw new GroupConflictException("group-self", "To leave the group, use Leave.");
        }
        if (target == GroupRole.OWNER || (target == GroupRole.MANAGER && me != Relation.OWNER)) {
            throw new GroupForbiddenException("group-outranked",
                    target == GroupRole.OWNER ? "Nobody can remove the group's owner."
                            : "Only the owner can remove or ban a manager.");
        }
    }

    private static GroupRole parseRole(String raw) {
        if (raw != null) {
            String r = raw.strip().toUpperCase(Locale.ROOT);
            if (r.equals("MANAGER")) {
                return GroupRole.MANAGER;
            }
            if (r.equals("MEMBER")) {
                return GroupRole.MEMBER;
            }
        }
        throw new ValidationException("role", "Choose MANAGER or MEMBER.");
    }

    private static long[] position(String cursor, String kind) {
        List<String> parts = Cursor.decode(cursor, kind, 2);
        return new long[] {Cursor.parseLong(parts.get(0)), Cursor.parseLong(parts.get(1))};
    }

    static String clean(String raw, int max, String what) {
        String text = raw == null ? "" : Text.cleanMultiline(raw);
        if (text.isBlank()) {
            throw new ValidationException("text", "Write something first.");
        }
        if (Text.hasControlCharacters(text, true)) {
            throw new ValidationException("text", what + " cannot contain control characters.");
        }
        int length = Text.length(text);
        if (length > max) {
            throw new ValidationException("text", String.format(Locale.ENGLISH,
                    "%s can be at most %,d characters; this one has %,d.", what, max, length));
        }
        return text;
    }

    private record Values(String name, String description, String rules, GroupVisibility visibility, boolean listed,
                          boolean postApproval) {
    }

    /** The form's values checked, every problem at once; {@code old} fills what an edit leaves out. */
    private static Values values(GroupChanges c, Group old) {
        if (c == null) {
            c = new GroupChanges(null, null, null, null, null, null);
        }
        ValidationException.Errors errors = new ValidationException.Errors();
        String name = c.name() == null ? (old == null ? "" : old.name()) : Text.clean(c.name());
        if (name.isEmpty()) {
            errors.add("name", "Give the group a name.");
        } else if (Text.hasControlCharacters(name, false)) {
            errors.add("name", "A name cannot contain control characters.");
        } else if (Text.hasDirectionControls(name)) {
            errors.add("name", "A name cannot contain direction overrides or broken characters.");
        } else if (Text.length(name) > MAX_NAME) {
            errors.add("name", "A name can be at most " + MAX_NAME + " characters.");
        }
        String description = longText(c.description(), old == null ? "" : old.description(), MAX_DESCRIPTION,
                "description", "A description", errors);
        String rules = longText(c.rules(), old == null ? "" : old.rules(), MAX_RULES, "rules", "Rules", errors);
        GroupVisibility visibility = old == null ? GroupVisibility.PUBLIC : old.visibility();
        if (c.visibility() != null) {
            try {
                visibility = GroupVisibility.valueOf(c.visibility().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("visibility", "Choose PUBLIC or MEMBERS_ONLY.");
            }
        }
        boolean listed = c.listed() != null ? c.listed() : old == null || old.listed();
        boolean approval = c.postApproval() != null ? c.postApproval() : old != null && old.postApproval();
        errors.throwIfAny();
        return new Values(name, description, rules, visibility, listed, approval);
    }

    private static String longText(String raw, String old, int max, String field, String what,
                                   ValidationException.Errors errors) {
        if (raw == null) {
            return old;
        }
        String text = Text.cleanMultiline(raw);
        if (Text.hasControlCharacters(text, true)) {
            errors.add(field, what + " cannot contain control characters.");
        } else if (Text.length(text) > max) {
            errors.add(field, String.format(Locale.ENGLISH, "%s can be at most %,d characters.", what, max));
        }
        return text;
    }
}
