package org.rapport.server.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.VipRepository;
import org.rapport.server.connection.VipService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.Notification;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Updates and the feed (F2) on both databases: audience, visibility, reach, notifications, paging, fan-out on read. */
abstract class PostServiceContract extends IntegrationContract {

    @Autowired
    PostService posts;
    @Autowired
    FollowService follows;
    @Autowired
    NotificationService notifications;
    @Autowired
    VipService vips;
    @Autowired
    BlockService blocks;

    @Test
    void anUpdateReachesFollowersFeedsAndNotifiesThem() {
        Member author = members.create("Author");
        Member friend = members.create("Friend");
        Member fan = members.create("Fan");
        Member stranger = members.create("Stranger");
        connect(author, friend);
        follows.follow(fan.id(), author.id());

        Post post = posts.create(author.id(), "Hello https://example.com/news", "ANYONE");

        assertThat(post.reach()).isEqualTo(2);
        assertThat(feedIds(friend)).containsExactly(post.id());
        assertThat(feedIds(fan)).containsExactly(post.id());
        assertThat(feedIds(author)).containsExactly(post.id());
        assertThat(feedIds(stranger)).isEmpty();
        assertThat(posts.get(stranger.id(), post.id()).post().body()).as("anyone may open it").contains("Hello");
        assertThat(latest(friend).kind()).isEqualTo(NotificationKind.POST);
        assertThat(latest(friend).postId()).isEqualTo(post.id());
        assertThat(latest(fan).kind()).isEqualTo(NotificationKind.POST);
        assertThat(notifications.unreadCount(stranger.id())).isZero();
        assertThat(posts.get(friend.id(), post.id()).author().degree())
                .isEqualTo(org.rapport.server.network.Degree.FIRST);
    }

    @Test
    void aConnectionsOnlyUpdateNeverReachesANonConnection() {
        Member author = members.create("Private");
        Member friend = members.create("Friend");
        Member fan = members.create("Fan");
        connect(author, friend);
        follows.follow(fan.id(), author.id());

        Post post = posts.create(author.id(), "Only for my connections", "CONNECTIONS");

        assertThat(post.reach()).isEqualTo(1);
        assertThat(feedIds(friend)).containsExactly(post.id());
        assertThat(feedIds(fan)).isEmpty();
        assertThatThrownBy(() -> posts.get(fan.id(), post.id())).isInstanceOf(PostNotFoundException.class);
        assertThat(posts.byAuthor(fan.id(), author.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(notifications.unreadCount(fan.id())).isZero();
        assertThat(posts.byAuthor(friend.id(), author.id(), PageRequest.first(10)).items()).hasSize(1);

        // Once they are no longer connected, it is gone from the former connection's feed too.
        org.rapport.server.connection.ConnectionService connections = connectionService;
        connections.remove(author.id(), friend.id());
        assertThat(feedIds(friend)).isEmpty();
        assertThatThrownBy(() -> posts.get(friend.id(), post.id())).isInstanceOf(PostNotFoundException.class);
    }

    @Autowired
    org.rapport.server.connection.ConnectionService connectionService;

    @Test
    void feedPagesStayStableWhileNewUpdatesArrive() {
        Member author = members.create("Prolific");
        Member reader = members.create("Reader");
        follows.follow(reader.id(), author.id());
        List<Long> older = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            older.add(posts.create(author.id(), "Update " + i, "ANYONE").id());
            clock.advance(Duration.ofMinutes(1));
        }
        Page<FeedItem> first = posts.feed(reader.id(), PageRequest.first(2));
        for (int i = 0; i < 3; i++) {
            posts.create(author.id(), "Newer " + i, "ANYONE");
            clock.advance(Duration.ofMinutes(1));
        }
        List<Long> seen = new ArrayList<>(ids(first));
        String cursor = first.nextCursor();
        while (cursor != null) {
            Page<FeedItem> next = posts.feed(reader.id(), new PageRequest(2, cursor));
            seen.addAll(ids(next));
            cursor = next.nextCursor();
        }
        assertThat(seen).containsExactly(older.get(4), older.get(3), older.get(2), older.get(1), older.get(0));
        assertThat(ids(posts.feed(reader.id(), PageRequest.first(3)))).hasSize(3).doesNotContainAnyElementsOf(older);
    }

    @Test
    void largeAudiencesAreMergedInOnReadAndOnlyVipHoldersAreNotified() {
        PostService fanOutOnRead = withThreshold(1);
        Member celebrity = members.create("Celebrity");
        Member a = members.create("FanA");
        Member b = members.create("FanB");
        Member friend = members.create("Friend");
        follows.follow(a.id(), celebrity.id());
        follows.follow(b.id(), celebrity.id());
        connect(celebrity, friend);
        vips.pin(friend.id(), celebrity.id());
        long before = notifications.unreadCount(a.id());

        Post post = fanOutOnRead.create(celebrity.id(), "To my many followers", "ANYONE");

        assertThat(post.fannedOut()).isFalse();
        assertThat(post.reach()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM feed_items WHERE post_id = :p").param("p", post.id())
                .query(Long.class).single()).as("nothing written per follower").isZero();
        for (Member m : List.of(a, b, friend, celebrity)) {
            assertThat(ids(fanOutOnRead.feed(m.id(), PageRequest.first(5)))).as("feed of %s", m.firstName())
                    .containsExactly(post.id());
        }
        assertThat(notifications.unreadCount(a.id())).isEqualTo(before);
        assertThat(latest(friend).kind()).isEqualTo(NotificationKind.VIP_POST);
        follows.unfollow(a.id(), celebrity.id());
        assertThat(ids(fanOutOnRead.feed(a.id(), PageRequest.first(5)))).isEmpty();
    }

    @Test
    void aNewFollowerGetsRecentUpdatesAndLosesThemOnUnfollowing() {
        Member author = members.create("Writer");
        Post old = posts.create(author.id(), "Before you followed", "ANYONE");
        Post mine = posts.create(author.id(), "Connections only", "CONNECTIONS");
        Member late = members.create("Late");
        follows.follow(late.id(), author.id());
        assertThat(feedIds(late)).containsExactly(old.id());
        follows.unfollow(late.id(), author.id());
        assertThat(feedIds(late)).isEmpty();
        Member friend = members.create("NewFriend");
        connect(author, friend);
        assertThat(new HashSet<>(feedIds(friend))).isEqualTo(Set.of(old.id(), mine.id()));
    }

    @Test
    void onlyTheAuthorEditsOrDeletesAndTextIsValidated() {
        Member author = members.create("Editor");
        Member friend = members.create("Friend");
        Member stranger = members.create("Stranger");
        connect(author, friend);
        Post post = posts.create(author.id(), "First draft", "ANYONE");
        assertThatThrownBy(() -> posts.edit(friend.id(), post.id(), "Hijack", null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> posts.delete(friend.id(), post.id())).isInstanceOf(ForbiddenException.class);

        Post edited = posts.edit(author.id(), post.id(), "Second draft", "CONNECTIONS");
        assertThat(edited.body()).isEqualTo("Second draft");
        assertThat(edited.editedAt()).isNotNull();
        assertThatThrownBy(() -> posts.get(stranger.id(), post.id())).isInstanceOf(PostNotFoundException.class);
        assertThatThrownBy(() -> posts.edit(stranger.id(), post.id(), "x", null)).isInstanceOf(PostNotFoundException.class);

        assertThatThrownBy(() -> posts.create(author.id(), "   ", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> posts.create(author.id(), "x".repeat(PostService.MAX_LENGTH + 1), null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.messageFor("text")).startsWith("An update can be at most 3,000 characters"));
        assertThatThrownBy(() -> posts.create(author.id(), "hi", "FRIENDS")).isInstanceOf(ValidationException.class);
        assertThat(posts.create(author.id(), "🙂".repeat(PostService.MAX_LENGTH), null).body()).hasSize(6000);

        posts.delete(author.id(), post.id());
        assertThatThrownBy(() -> posts.get(author.id(), post.id())).isInstanceOf(PostNotFoundException.class);
        assertThat(feedIds(friend)).doesNotContain(post.id());
    }

    @Test
    void blockedAuthorsVanishFromTheFeed() {
        Member author = members.create("Loud");
        Member reader = members.create("Quiet");
        connect(author, reader);
        Post post = posts.create(author.id(), "Hello", "ANYONE");
        blocks.block(reader.id(), author.id());
        assertThat(feedIds(reader)).isEmpty();
        assertThatThrownBy(() -> posts.get(reader.id(), post.id())).isInstanceOf(PostNotFoundException.class);
    }

    // ------------------------------------------------------------------------------------------

    @Autowired
    PostRepository postRepository;
    @Autowired
    VipRepository vipRepository;
    @Autowired
    NetworkService network;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RapportProperties properties;

    private PostService withThreshold(int threshold) {
        RapportProperties p = properties;
        RapportProperties changed = new RapportProperties(p.dataDir(), p.connections(), p.invitations(), p.login(),
                p.demo(), p.suggestions(), new RapportProperties.Feed(threshold), p.mail(), p.contacts(), p.search());
        return new PostService(postRepository, follows, vipRepository, notifications, network, memberRepository,
                blocks, tx, clock, changed);
    }

    private List<Long> feedIds(Member m) {
        return ids(posts.feed(m.id(), PageRequest.first(20)));
    }

    private static List<Long> ids(Page<FeedItem> page) {
        return page.items().stream().map(i -> i.post().id()).toList();
    }

    private Notification latest(Member m) {
        return notifications.list(m.id(), PageRequest.first(1)).items().get(0);
    }
}
