package org.rapport.server.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.rapport.server.connection.VipRepository;
import org.rapport.server.follow.FollowChanged;
import org.rapport.server.follow.FollowService;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Updates and the feed (F2).
 *
 * <p><b>Audience.</b> An update shared with ANYONE reaches everyone who follows the author
 * (connections who did not unfollow, and followers without a connection); one shared with
 * CONNECTIONS reaches the connections who follow. Blocked members never appear: a block ends
 * following both ways.
 *
 * <p><b>Delivery.</b> When the audience is at most {@code rapport.feed.fan-out-threshold} (5,000),
 * the update is written into each member's {@code feed_items} in the posting transaction (fan-out
 * on write: reading a feed is then one index range) and each follower is notified. Past the
 * threshold nothing is written per follower (fan-out on read): readers merge the few such
 * authors' updates into their page, so posting costs the same whatever the audience; only the
 * members who pinned the author as a VIP are notified. A new follower gets the author's last
 * {@value #BACKFILL} updates of the past {@value #BACKFILL_DAYS} days; an unfollow takes them out.
 *
 * <p><b>Reading.</b> The feed is keyset-paginated on (time, id), so pages stay stable while new
 * updates arrive. Each update is checked again on the way out (a connections-only update needs a
 * connection now; a block hides its author), so what a member sees is always what they may see.
 */
@Service
public class PostService {

    public static final int MAX_LENGTH = 3000;
    static final int BACKFILL = 20;
    static final int BACKFILL_DAYS = 30;
    private static final Duration LARGE_AUTHORS_REFRESH = Duration.ofMinutes(1);

    private final PostRepository posts;
    private final FollowService follows;
    private final VipRepository vips;
    private final NotificationService notifications;
    private final NetworkService network;
    private final MemberRepository members;
    private final BlockService blocks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int threshold;
    private final AtomicReference<LargeAuthors> largeAuthors = new AtomicReference<>();

    private record LargeAuthors(Set<Long> ids, Instant loadedAt) {
    }

    public PostService(PostRepository posts, FollowService follows, VipRepository vips,
                       NotificationService notifications, NetworkService network, MemberRepository members,
                       BlockService blocks, TransactionTemplate tx, Clock clock, RapportProperties properties) {
        this.posts = posts;
        this.follows = follows;
        this.vips = vips;
        this.notifications = notifications;
        this.network = network;
        this.members = members;
        this.blocks = blocks;
        this.tx = tx;
        this.clock = clock;
        this.threshold = properties.feed().fanOutThreshold();
    }

    /** Shares an update; returns it with how many members it reached. */
    public Post create(long me, String rawText, String rawVisibility) {
        String text = clean(rawText);
        Post.Visibility visibility = visibility(rawVisibility);
        return tx.execute(status -> {
            Instant now = clock.instant();
            List<Long> audience = audience(me, visibility);
            boolean fanOut = audience.size() <= threshold;
            long id = posts.insert(me, text, visibility, fanOut, audience.size(), now);
            deliver(id, me, now, audience, fanOut);
            if (!fanOut) {
                largeAuthors.set(null);
            }
            return posts.find(id).orElseThrow();
        });
    }

    /** Changes my update's text and visibility; delivery follows the new visibility. */
    public Post edit(long me, long postId, String rawText, String rawVisibility) {
        String text = clean(rawText);
        Post.Visibility visibility = rawVisibility == null ? null : visibility(rawVisibility);
        return tx.execute(status -> {
            Post post = own(me, postId);
            Post.Visibility v = visibility == null ? post.visibility() : visibility;
            if (v == post.visibility()) {
                posts.update(postId, text, v, post.fannedOut(), post.reach(), clock.instant());
            } else {
                // Re-deliver to the audience of the new visibility; no new notifications.
                posts.undeliver(postId);
                List<Long> audience = audience(me, v);
                boolean fanOut = audience.size() <= threshold;
                posts.update(postId, text, v, fanOut, audience.size(), clock.instant());
                if (fanOut) {
                    List<Long> to = new ArrayList<>(audience);
                    to.add(me);
                    posts.deliver(postId, me, post.createdAt(), to);
                } else {
                    largeAuthors.set(null);
                }
            }
            return posts.find(postId).orElseThrow();
        });
    }

    public void delete(long me, long postId) {
        tx.executeWithoutResult(status -> {
            own(me, postId);
            posts.delete(postId);
        });
    }

    /** One update as {@code viewer} may see it; 404 when it is not shared with them. */
    public FeedItem get(long viewer, long postId) {
        Post post = posts.find(postId).orElseThrow(PostNotFoundException::new);
        if (!visible(viewer, post, blocks.hiddenFrom(viewer))) {
            throw new PostNotFoundException();
        }
        return item(viewer, post, members.findSummaries(List.of(post.authorId())));
    }

    /** My feed: updates of the members I follow, and mine, newest first. */
    public Page<FeedItem> feed(long me, PageRequest page) {
        long[] at = position(page.cursor(), "feed");
        Set<Long> hidden = blocks.hiddenFrom(me);
        int want = page.limit() + 1;
        List<Post> candidates = new ArrayList<>(posts.feedItems(me, at[0], at[1], want));
        boolean mayHaveMore = candidates.size() == want;
        Set<Long> large = new HashSet<>(largeAuthors());
        if (!large.isEmpty()) {
            List<Long> followedLarge = new ArrayList<>();
            for (long id : follows.followedIds(me)) {
                if (large.contains(id)) {
                    followedLarge.add(id);
                }
            }
            if (large.contains(me)) {
                followedLarge.add(me);
            }
            List<Post> merged = posts.notFannedOut(followedLarge, at[0], at[1], want);
            mayHaveMore |= merged.size() == want;
            candidates.addAll(merged);
        }
        candidates.sort(Comparator.comparing(Post::createdAt).thenComparingLong(Post::id).reversed());
        return page(me, candidates, mayHaveMore, page, hidden, "feed");
    }

    /** {@code author}'s updates that {@code viewer} may see, newest first (a profile's activity). */
    public Page<FeedItem> byAuthor(long viewer, long author, PageRequest page) {
        if (!members.exists(author)) {
            throw new MemberNotFoundException();
        }
        blocks.requireVisible(viewer, author);
        long[] at = position(page.cursor(), "author");
        // Read a little more than a page: connections-only updates may drop out for this viewer.
        int want = page.limit() * 2 + 1;
        List<Post> candidates = posts.byAuthor(author, at[0], at[1], want);
        return page(viewer, candidates, candidates.size() == want, page, Set.of(), "author");
    }

    /** Keeps feeds in step with following: a new follower gets recent updates, a former one loses them. */
    @EventListener
    void onFollowChanged(FollowChanged change) {
        if (!change.following()) {
            posts.removeAuthorFromFeed(change.follower(), change.followee());
            return;
        }
        Set<Post.Visibility> visible = change.connected()
                ? EnumSet.allOf(Post.Visibility.class) : EnumSet.of(Post.Visibility.ANYONE);
        for (Post p : posts.recentFannedOut(change.followee(), clock.instant().minus(Duration.ofDays(BACKFILL_DAYS)),
                visible, BACKFILL)) {
            posts.deliver(p.id(), p.authorId(), p.createdAt(), List.of(change.follower()));
        }
    }

    // ------------------------------------------------------------------------------------------

    private List<Long> audience(long author, Post.Visibility visibility) {
        return visibility == Post.Visibility.ANYONE
                ? follows.followerIds(author)
                : follows.followingConnectionIds(author);
    }

    private void deliver(long postId, long author, Instant at, List<Long> audience, boolean fanOut) {
        Set<Long> vipOf = vips.pinnedBy(author);
        if (fanOut) {
            List<Long> to = new ArrayList<>(audience);
            to.add(author);
            posts.deliver(postId, author, at, to);
            List<Long> plain = audience.stream().filter(m -> !vipOf.contains(m)).toList();
            List<Long> vip = audience.stream().filter(vipOf::contains).toList();
            notifications.notifyAboutPost(plain, NotificationKind.POST, author, postId);
            notifications.notifyAboutPost(vip, NotificationKind.VIP_POST, author, postId);
        } else {
            Set<Long> inAudience = new HashSet<>(audience);
            notifications.notifyAboutPost(vipOf.stream().filter(inAudience::contains).toList(),
                    NotificationKind.VIP_POST, author, postId);
        }
    }

    /**
     * The first {@code page.limit()} visible posts of {@code candidates} (sorted newest first); the
     * cursor points after the last one examined, when more may follow.
     */
    private Page<FeedItem> page(long viewer, List<Post> candidates, boolean sourcesHadMore, PageRequest page,
                                Set<Long> hidden, String kind) {
        List<Post> shown = new ArrayList<>();
        Post lastRead = null;
        int examined = 0;
        for (Post p : candidates) {
            if (shown.size() == page.limit()) {
                break;
            }
            lastRead = p;
            examined++;
            if (visible(viewer, p, hidden)) {
                shown.add(p);
            }
        }
        boolean more = lastRead != null && (examined < candidates.size() || sourcesHadMore);
        String next = more ? Cursor.encode(kind, lastRead.createdAt().toEpochMilli(), lastRead.id()) : null;
        Map<Long, MemberSummary> authors = members.findSummaries(shown.stream().map(Post::authorId).distinct().toList());
        List<FeedItem> items = new ArrayList<>();
        for (Post p : shown) {
            if (authors.containsKey(p.authorId())) {
                items.add(item(viewer, p, authors));
            }
        }
        return new Page<>(items, next, null);
    }

    private FeedItem item(long viewer, Post p, Map<Long, MemberSummary> authors) {
        return new FeedItem(p, network.card(viewer, authors.get(p.authorId())), p.authorId() == viewer);
    }

    private boolean visible(long viewer, Post p, Set<Long> hidden) {
        if (p.authorId() == viewer) {
            return true;
        }
        if (hidden.contains(p.authorId())) {
            return false;
        }
        return p.visibility() == Post.Visibility.ANYONE || network.areConnected(viewer, p.authorId());
    }

    private Post own(long me, long postId) {
        Post post = posts.find(postId).orElseThrow(PostNotFoundException::new);
        if (post.authorId() != me) {
            if (visible(me, post, blocks.hiddenFrom(me))) {
                throw new ForbiddenException("not-your-post", "Only its author can change or delete an update.");
            }
            throw new PostNotFoundException();
        }
        return post;
    }

    private Set<Long> largeAuthors() {
        LargeAuthors cached = largeAuthors.get();
        Instant now = Instant.now();
        if (cached == null || cached.loadedAt.plus(LARGE_AUTHORS_REFRESH).isBefore(now)) {
            cached = new LargeAuthors(posts.authorsNotFannedOut(), now);
            largeAuthors.set(cached);
        }
        return cached.ids;
    }

    private static long[] position(String cursor, String kind) {
        if (cursor == null) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        List<String> parts = Cursor.decode(cursor, kind, 2);
        return new long[] {Cursor.parseLong(parts.get(0)), Cursor.parseLong(parts.get(1))};
    }

    private static String clean(String raw) {
        String text = raw == null ? "" : Text.cleanMultiline(raw);
        if (text.isBlank()) {
            throw new ValidationException("text", "Write something to share.");
        }
        if (Text.length(text) > MAX_LENGTH) {
            throw new ValidationException("text", String.format(Locale.ENGLISH,
                    "An update can be at most %,d characters; this one has %,d.", MAX_LENGTH, Text.length(text)));
        }
        return text;
    }

    private static Post.Visibility visibility(String raw) {
        if (raw == null || raw.isBlank()) {
            return Post.Visibility.ANYONE;
        }
        try {
            return Post.Visibility.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("visibility", "visibility must be ANYONE or CONNECTIONS.");
        }
    }
}
