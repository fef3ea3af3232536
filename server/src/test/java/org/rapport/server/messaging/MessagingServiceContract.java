package org.rapport.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.network.Degree;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;

/** Messaging (G1, G2) on both databases: who may write, requests, read state, pagination and limits. */
abstract class MessagingServiceContract extends IntegrationContract {

    @Autowired
    MessagingService messaging;
    @Autowired
    BlockService blocks;
    @Autowired
    AccountService accounts;

    private void openProfile(Member m) {
        privacy.update(m.id(), new PrivacyChanges(null, null, null, null, null, null, null, null, null, "ANYONE"));
    }

    private Page<ConversationSummary> inbox(Member m) {
        return messaging.list(m.id(), false, PageRequest.first(20));
    }

    private Page<ConversationSummary> requests(Member m) {
        return messaging.list(m.id(), true, PageRequest.first(20));
    }

    @Test
    void connectionsWriteToEachOtherAndUnreadCountsFollowTheReadMarks() {
        Member ann = members.create("Ann", "Writer");
        Member bob = members.create("Bob", "Reader");
        connect(ann, bob);

        var first = messaging.start(ann.id(), bob.id(), "Hello Bob");
        long id = first.conversation().id();
        assertThat(first.conversation().conversation().status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(first.conversation().unreadCount()).as("my own message is read").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(messaging.start(ann.id(), bob.id(), "Are you there?").conversation().id())
                .as("one conversation per pair").isEqualTo(id);

        assertThat(messaging.unreadCount(bob.id())).isEqualTo(2);
        assertThat(messaging.unreadCount(ann.id())).isZero();
        ConversationSummary seen = inbox(bob).items().get(0);
        assertThat(seen.id()).isEqualTo(id);
        assertThat(seen.other().member().id()).isEqualTo(ann.id());
        assertThat(seen.other().degree()).isEqualTo(Degree.FIRST);
        assertThat(seen.unreadCount()).isEqualTo(2);
        assertThat(seen.lastMessage().text()).isEqualTo("Are you there?");

        messaging.markRead(bob.id(), id);
        assertThat(messaging.unreadCount(bob.id())).isZero();
        clock.advance(Duration.ofSeconds(5));
        messaging.send(bob.id(), id, "Yes!");
        assertThat(messaging.unreadCount(ann.id())).isEqualTo(1);
        assertThat(messaging.unreadCount(bob.id())).isZero();
        assertThat(messaging.messages(ann.id(), id, PageRequest.first(10)).items()).extracting(Message::text)
                .containsExactly("Yes!", "Are you there?", "Hello Bob");
    }

    @Test
    void strangersAreRefusedUnlessTheRecipientOpensTheirProfileAndThenWaitAsARequest() {
        Member star = members.create("Stella", "Open");
        Member fan = members.create("Fred", "Fan");
        assertThatThrownBy(() -> messaging.start(fan.id(), star.id(), "Hi"))
                .isInstanceOfSatisfying(MessageNotAllowedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.detail()).startsWith("Stella accepts messages only from their connections.");
                });
        assertThat(messaging.mayWrite(fan.id(), star.id())).isFalse();

        openProfile(star);
        assertThat(messaging.mayWrite(fan.id(), star.id())).isTrue();
        long id = messaging.start(fan.id(), star.id(), "Hi, I admire your work").conversation().id();
        assertThat(inbox(star).items()).as("a request is not in the inbox").isEmpty();
        assertThat(requests(star).items()).extracting(ConversationSummary::id).containsExactly(id);
        assertThat(requests(star).items().get(0).requestReceived()).isTrue();
        assertThat(messaging.requestCount(star.id())).isEqualTo(1);
        assertThat(messaging.unreadCount(star.id())).isEqualTo(1);
        assertThat(inbox(fan).items().get(0).requestSent()).as("the sender sees it as sent").isTrue();

        assertThatThrownBy(() -> messaging.send(fan.id(), id, "Hello again?"))
                .isInstanceOfSatisfying(MessageNotAllowedException.class,
                        e -> assertThat(e.type()).isEqualTo("message-request-pending"));
        assertThatThrownBy(() -> messaging.accept(fan.id(), id)).isInstanceOf(MessageNotAllowedException.class);

        ConversationSummary accepted = messaging.accept(star.id(), id);
        assertThat(accepted.conversation().status()).isEqualTo(ConversationStatus.ACCEPTED);
        assertThat(requests(star).items()).isEmpty();
        assertThat(inbox(star).items()).extracting(ConversationSummary::id).containsExactly(id);
        messaging.send(fan.id(), id, "Thank you for accepting");
        messaging.send(star.id(), id, "You are welcome");

        // Closing the profile again does not end a conversation the member accepted.
        privacy.update(star.id(), new PrivacyChanges(null, null, null, null, null, null, null, null, null, "CONNECTIONS"));
        messaging.send(fan.id(), id, "Still here");
    }

    @Test
    void answeringARequestAcceptsIt() {
        Member open = members.create("Olga", "Open");
        Member asker = members.create("Abe", "Asker");
        openProfile(open);
        long id = messaging.start(asker.id(), open.id(), "A question").conversation().id();
        messaging.send(open.id(), id, "An answer");
        assertThat(messaging.summary(open.id(), id).conversation().status()).isEqualTo(ConversationStatus.ACCEPTED);
        messaging.send(asker.id(), id, "Thanks");
    }

    @Test
    void aDeclinedRequestLeavesTheListsAndCannotBeSentAgainForThreeWeeks() {
        Member open = members.create("Dora", "Decliner");
        Member asker = members.create("Pete", "Pushy");
        openProfile(open);
        long id = messaging.start(asker.id(), open.id(), "Buy my product").conversation().id();
        messaging.decline(open.id(), id);
        messaging.decline(open.id(), id);
        assertThat(requests(open).items()).isEmpty();
        assertThat(inbox(open).items()).isEmpty();
        assertThat(messaging.unreadCount(open.id())).as("declined messages are not unread").isZero();
        assertThat(inbox(asker).items().get(0).declined()).isTrue();

        assertThatThrownBy(() -> messaging.start(asker.id(), open.id(), "Please?"))
                .isInstanceOfSatisfying(MessageNotAllowedException.class, e -> {
                    assertThat(e.type()).isEqualTo("message-request-declined");
                    assertThat(e.detail()).startsWith("Dora declined your message request. You can send another from ");
                });
        clock.advance(MessagingService.REQUEST_COOLDOWN.minusMinutes(1));
        assertThatThrownBy(() -> messaging.send(asker.id(), id, "Please?")).isInstanceOf(MessageNotAllowedException.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(messaging.start(asker.id(), open.id(), "A better offer").conversation().id()).isEqualTo(id);
        assertThat(requests(open).items()).extracting(ConversationSummary::id).containsExactly(id);
    }

    @Test
    void connectingOpensAConversationThatWasARequest() {
        Member open = members.create("Cora", "Open");
        Member asker = members.create("Carl", "Asker");
        openProfile(open);
        long id = messaging.start(asker.id(), open.id(), "Hello").conversation().id();
        connect(asker, open);
        messaging.send(asker.id(), id, "We are connected now");
        assertThat(messaging.summary(open.id(), id).conversation().status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(inbox(open).items()).extracting(ConversationSummary::id).containsExactly(id);
    }

    @Test
    void aBlockEitherWayDeletesTheConversationAndHidesTheMember() {
        Member a = members.create("Bea", "Blocker");
        Member b = members.create("Ben", "Blocked");
        connect(a, b);
        long id = messaging.start(b.id(), a.id(), "Hello").conversation().id();
        blocks.block(a.id(), b.id());

        for (Member m : List.of(a, b)) {
            assertThat(inbox(m).items()).isEmpty();
            assertThat(messaging.unreadCount(m.id())).isZero();
            assertThatThrownBy(() -> messaging.summary(m.id(), id)).isInstanceOf(ConversationNotFoundException.class);
            assertThatThrownBy(() -> messaging.send(m.id(), id, "Hi")).isInstanceOf(ConversationNotFoundException.class);
        }
        assertThatThrownBy(() -> messaging.start(b.id(), a.id(), "Hi")).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> messaging.start(a.id(), b.id(), "Hi")).isInstanceOf(MemberNotFoundException.class);
        assertThat(messaging.mayWrite(b.id(), a.id())).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = :c").param("c", id)
                .query(Long.class).single()).as("the messages are gone").isZero();

        blocks.unblock(a.id(), b.id());
        assertThat(inbox(a).items()).as("unblocking brings nothing back").isEmpty();
    }

    @Test
    void deletingAnAccountDeletesItsConversationsForTheOtherSide() {
        Member leaving = members.create("Lea", "Leaving");
        Member staying = members.create("Stan", "Staying");
        connect(leaving, staying);
        long id = messaging.start(leaving.id(), staying.id(), "Goodbye").conversation().id();
        accounts.delete(leaving.id());
        assertThat(inbox(staying).items()).isEmpty();
        assertThat(messaging.unreadCount(staying.id())).isZero();
        assertThatThrownBy(() -> messaging.summary(staying.id(), id)).isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void onlyTheTwoMembersSeeAConversation() {
        Member a = members.create("Amy");
        Member b = members.create("Bill");
        Member c = members.create("Cleo");
        connect(a, b);
        connect(a, c);
        long id = messaging.start(a.id(), b.id(), "Private").conversation().id();
        assertThatThrownBy(() -> messaging.messages(c.id(), id, PageRequest.first(10)))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> messaging.send(c.id(), id, "Me too")).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> messaging.markRead(c.id(), id)).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> messaging.summary(c.id(), 987_654_321L)).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> messaging.start(a.id(), a.id(), "Note to self")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> messaging.start(a.id(), 987_654_321L, "Hi")).isInstanceOf(MemberNotFoundException.class);
    }

    @Test
    void conversationsAndMessagesArePagedLatestFirstWithoutGapsOrRepeats() {
        Member me = members.create("Paula", "Pager");
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Member other = members.create("Other" + i);
            connect(me, other);
            clock.advance(Duration.ofSeconds(3));
            expected.add(0, messaging.start(other.id(), me.id(), "Message " + i).conversation().id());
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<ConversationSummary> page = messaging.list(me.id(), false, new PageRequest(2, cursor));
            page.items().forEach(s -> seen.add(s.id()));
            assertThat(page.total()).isEqualTo(5);
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);

        long id = expected.get(0);
        long other = messaging.summary(me.id(), id).other().member().id();
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofSeconds(3));
            messaging.send(i % 2 == 0 ? me.id() : other, id, "Line " + i);
        }
        Set<Long> ids = new HashSet<>();
        List<String> texts = new ArrayList<>();
        cursor = null;
        do {
            Page<Message> page = messaging.messages(me.id(), id, new PageRequest(10, cursor));
            for (Message m : page.items()) {
                assertThat(ids.add(m.id())).as("no repeats").isTrue();
                texts.add(m.text());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(texts).hasSize(25);
        assertThat(texts.get(0)).isEqualTo("Line 23");
        assertThat(texts.get(24)).isEqualTo("Message 4");
        assertThat(messaging.messagesAfter(me.id(), id, ids.stream().mapToLong(Long::longValue).max().orElseThrow() - 2))
                .extracting(Message::text).containsExactly("Line 22", "Line 23");
    }

    @Test
    void textIsRequiredAtMostTwoThousandCharactersAndStoredAsWritten() {
        Member a = members.create("Tex");
        Member b = members.create("Ted");
        connect(a, b);
        for (String blank : new String[] {null, "", "   \n "}) {
            assertThatThrownBy(() -> messaging.start(a.id(), b.id(), blank))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.messageFor("text")).isEqualTo("Write a message."));
        }
        assertThatThrownBy(() -> messaging.start(a.id(), b.id(), "x".repeat(2001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.messageFor("text"))
                        .isEqualTo("A message can be at most 2,000 characters; this one has 2,001."));
        assertThatThrownBy(() -> messaging.start(a.id(), b.id(), "nul\u0000here")).isInstanceOf(ValidationException.class);
        String emoji = "\uD83D\uDE00".repeat(2000);
        assertThat(messaging.start(a.id(), b.id(), emoji).message().text()).as("2,000 emoji are 2,000 characters")
                .isEqualTo(emoji);
        String markup = "<script>alert('x')</script> & <b>bold</b>\nsecond line";
        long id = messaging.start(a.id(), b.id(), markup).conversation().id();
        assertThat(messaging.messages(b.id(), id, PageRequest.first(1)).items().get(0).text()).isEqualTo(markup);
    }

    @Test
    void thirtyMessagesAMinuteThenTheSenderWaits() {
        Member a = members.create("Rapid");
        Member b = members.create("Rita");
        connect(a, b);
        long id = messaging.start(a.id(), b.id(), "0").conversation().id();
        for (int i = 1; i < MessagingService.MAX_PER_MINUTE; i++) {
            clock.advance(Duration.ofMillis(500));
            messaging.send(a.id(), id, Integer.toString(i));
        }
        assertThatThrownBy(() -> messaging.send(a.id(), id, "one too many"))
                .isInstanceOfSatisfying(MessageRateLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
                    assertThat(e.retryAfterSeconds()).isEqualTo(46);
                });
        messaging.send(b.id(), id, "the other side is not limited");
        clock.advance(Duration.ofSeconds(46));
        messaging.send(a.id(), id, "after a pause");
    }
}
