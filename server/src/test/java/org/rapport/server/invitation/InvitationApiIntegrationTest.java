package org.rapport.server.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** Invitations over the API (A1–A5): invite, lists, accept, ignore, withdraw, cooldown and expiry. */
@SqliteSpringTest
class InvitationApiIntegrationTest extends ApiIntegrationContract {

    private Response invite(Caller from, Caller to) {
        return post(from, "/invitations", Map.of("inviteeId", to.key()));
    }

    private Response invite(Caller from, Caller to, String note) {
        return post(from, "/invitations", Map.of("inviteeId", to.key(), "note", note));
    }

    @Test
    void inviteCreatesAPendingInvitationThatExpiresInSixMonths() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");

        Response r = invite(ada, bob, "  We met at the meetup  ").expect(201);

        JsonNode inv = r.body();
        assertThat(inv.path("id").isString()).isTrue();
        assertThat(r.header("Location")).isEqualTo("/api/v1/invitations/" + inv.path("id").asString());
        assertThat(inv.path("status").asString()).isEqualTo("PENDING");
        assertThat(inv.path("connected").asBoolean()).isFalse();
        assertThat(inv.path("note").asString()).isEqualTo("We met at the meetup");
        assertThat(inv.path("sender").path("id").asString()).isEqualTo(ada.key());
        assertThat(inv.path("recipient").path("id").asString()).isEqualTo(bob.key());
        assertThat(Instant.parse(inv.path("expiresAt").asString()))
                .isEqualTo(clock.instant().atZone(ZoneOffset.UTC).plusMonths(6).toInstant());
        assertThat(get(bob, "/members/" + ada.key()).body().path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
    }

    @Test
    void noteLongerThan300CharactersIsAFieldErrorAndNothingIsSent() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");

        Response r = invite(ada, bob, "x".repeat(301)).expectFieldErrors("note");

        assertThat(r.errorMessage("note")).contains("300");
        assertThat(get(ada, "/invitations/sent").body().path("total").asLong()).isZero();
        assertThat(invite(ada, bob, "y".repeat(300)).expect(201).text("note")).hasSize(300);
    }

    @Test
    void invitingYourselfAConnectionOrSomeoneAlreadyInvitedIsAConflictThatSaysWhy() {
        Caller ada = caller("Ada", "Lovelace");
        Caller bob = caller("Bob", "Builder");
        Caller cy = caller("Cy", "Clone");
        connect(ada, bob);
        invite(ada, cy).expect(201);

        Response self = invite(ada, ada).expectProblem(409);
        assertThat(self.detail()).contains("yourself");
        Response connected = invite(ada, bob).expectProblem(409);
        assertThat(connected.detail()).contains("Bob Builder").contains("already connected");
        Response twice = invite(ada, cy).expectProblem(409);
        assertThat(twice.detail()).contains("Cy Clone").contains("already invited");
        assertThat(List.of(self.problemType(), connected.problemType(), twice.problemType()))
                .as("each conflict has its own type").doesNotHaveDuplicates();
    }

    @Test
    void inviteeMustBeAnExistingMemberId() {
        Caller ada = caller("Ada");

        post(ada, "/invitations", Map.of("note", "hi")).expectFieldErrors("inviteeId");
        post(ada, "/invitations", Map.of("inviteeId", "abc")).expectFieldErrors("inviteeId");
        post(ada, "/invitations", Map.of("inviteeId", "987654321")).expectProblem(404);
        post(ada, "/invitations", Map.of("inviteeId", "3000000000")).expectProblem(404);
    }

    @Test
    void crossingInvitationConnectsAtOnce() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        String first = invite(ada, bob).expect(201).text("id");

        JsonNode crossing = invite(bob, ada).expect(201).body();

        assertThat(crossing.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(crossing.path("connected").asBoolean()).isTrue();
        assertThat(crossing.path("id").asString()).as("the invitation that was waiting").isEqualTo(first);
        assertThat(get(ada, "/members/" + bob.key()).body().path("degree").asString()).isEqualTo("FIRST");
        assertThat(get(bob, "/members/" + ada.key()).body().path("degree").asString()).isEqualTo("FIRST");
        assertThat(get(ada, "/invitations/sent").body().path("total").asLong()).isZero();
        assertThat(get(bob, "/invitations/received").body().path("total").asLong()).isZero();
    }

    @Test
    void acceptingConnectsBothAndEmptiesTheLists() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        String id = invite(ada, bob).expect(201).text("id");

        JsonNode accepted = post(bob, "/invitations/" + id + "/accept").expect(200).body();

        assertThat(accepted.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("connected").asBoolean()).isTrue();
        assertThat(get(ada, "/members/" + bob.key()).body().path("degree").asString()).isEqualTo("FIRST");
        assertThat(get(bob, "/invitations/received").body().path("items")).isEmpty();
        assertThat(get(ada, "/invitations/sent").body().path("items")).isEmpty();
        assertThat(get(bob, "/invitations/" + id).expect(200).text("status")).isEqualTo("ACCEPTED");
        Response again = post(ada, "/invitations/" + id + "/withdraw").expectProblem(409);
        assertThat(again.detail()).contains("accepted");
    }

    @Test
    void receivedAndSentListsShowPendingInvitationsNewestFirstWithExpiry() {
        Caller bob = caller("Bob");
        Caller first = caller("First", "Sender");
        Caller second = caller("Second", "Sender");
        Caller target = caller("Target");
        String older = invite(first, bob, "older").expect(201).text("id");
        clock.advance(Duration.ofMinutes(5));
        String newer = invite(second, bob, "newer").expect(201).text("id");
        invite(bob, target).expect(201);

        Response received = get(bob, "/invitations/received").expect(200);

        assertThat(received.itemIds()).containsExactly(newer, older);
        assertThat(received.body().path("total").asLong()).isEqualTo(2);
        assertThat(received.body().path("nextCursor").isNull()).isTrue();
        JsonNode top = received.body().path("items").get(0);
        assertThat(top.path("sender").path("id").asString()).isEqualTo(second.key());
        assertThat(top.path("sender").path("name").asString()).isEqualTo("Second Sender");
        assertThat(top.path("note").asString()).isEqualTo("newer");
        assertThat(top.path("expiresAt").asString()).endsWith("Z");
        assertThat(top.path("status").asString()).isEqualTo("PENDING");

        Response sent = get(bob, "/invitations/sent").expect(200);
        assertThat(sent.itemIds("recipient")).containsExactly(target.key());
        assertThat(sent.body().path("total").asLong()).isEqualTo(1);
        assertThat(sent.body().path("items").get(0).path("expiresAt").asString()).isNotBlank();
        assertThat(get(first, "/invitations/sent").itemIds()).containsExactly(older);
    }

    @Test
    void receivedListPagesWithoutDuplicatesOrGaps() {
        Caller bob = caller("Bob");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            newestFirst.add(0, invite(caller("Sender" + i), bob).expect(201).text("id"));
            if (i % 2 == 0) {
                clock.advance(Duration.ofSeconds(1)); // and some share a timestamp
            }
        }

        for (int limit : new int[] {1, 2, 3, 7, 100}) {
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Response page = get(bob, "/invitations/received?limit=" + limit
                        + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
                assertThat(page.body().path("total").asLong()).isEqualTo(7);
                assertThat(page.body().path("items").size()).isLessThanOrEqualTo(limit);
                walked.addAll(page.itemIds());
                cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
                pages++;
            } while (cursor != null && pages < 20);
            assertThat(walked).as("limit %d", limit).containsExactlyElementsOf(newestFirst);
            assertThat(pages).isEqualTo((7 + limit - 1) / limit);
        }
    }

    @Test
    void sentListPagesWithoutDuplicatesOrGaps() {
        Caller ada = caller("Ada");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, invite(ada, caller("Recipient" + i)).expect(201).text("id"));
        }
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get(ada, "/invitations/sent?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            walked.addAll(page.itemIds());
            cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void tamperedOrForeignCursorIsABadRequest() {
        Caller bob = caller("Bob");
        for (int i = 0; i < 3; i++) {
            invite(caller("Sender" + i), bob).expect(201);
            invite(bob, caller("Recipient" + i)).expect(201);
        }
        String received = get(bob, "/invitations/received?limit=1").text("nextCursor");
        String sent = get(bob, "/invitations/sent?limit=1").text("nextCursor");
        String decoded = new String(Base64.getUrlDecoder().decode(received), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(decoded.replaceAll("[0-9]+$", "x1").getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {"not a cursor!", "%00", "AAAA", "x", forged, sent}) {
            get(bob, "/invitations/received?limit=1&cursor=" + bad).expectFieldErrors("cursor");
        }
        get(bob, "/invitations/sent?cursor=" + received).expectFieldErrors("cursor");
    }

    @Test
    void limitOutsideOneToAHundredIsABadRequest() {
        Caller bob = caller("Bob");
        get(bob, "/invitations/received?limit=0").expectFieldErrors("limit");
        get(bob, "/invitations/received?limit=101").expectFieldErrors("limit");
        get(bob, "/invitations/sent?limit=-1").expectFieldErrors("limit");
        get(bob, "/invitations/sent?limit=ten").expectFieldErrors("limit");
        get(bob, "/invitations/received?limit=100").expect(200);
    }

    @Test
    void onlyTheRecipientCanAcceptOrIgnoreAndOnlyTheSenderCanWithdraw() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        Caller eve = caller("Eve");
        String id = invite(ada, bob).expect(201).text("id");
        String path = "/invitations/" + id;

        // Someone else's invitation is not theirs to see: 404, as for one that does not exist.
        post(ada, path + "/accept").expectProblem(404);
        post(eve, path + "/accept").expectProblem(404);
        post(ada, path + "/ignore").expectProblem(404);
        post(eve, path + "/ignore", Map.of("reason", "SPAM")).expectProblem(404);
        post(bob, path + "/withdraw").expectProblem(404);
        post(eve, path + "/withdraw").expectProblem(404);
        get(eve, path).expectProblem(404);
        post(bob, "/invitations/987654321/accept").expectProblem(404);
        post(bob, "/invitations/abc/accept").expectProblem(404);

        assertThat(get(bob, path).expect(200).text("status")).isEqualTo("PENDING");
        assertThat(get(ada, "/members/" + bob.key()).body().path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(get(bob, "/invitations/received").itemIds()).containsExactly(id);
    }

    @Test
    void ignoringIsSilentToTheSenderAndKeepsTheReasonForTheRecipient() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        Caller cy = caller("Cy");
        String spam = invite(ada, bob).expect(201).text("id");
        String unknown = invite(cy, bob).expect(201).text("id");

        JsonNode ignored = post(bob, "/invitations/" + spam + "/ignore", Map.of("reason", "SPAM")).expect(200).body();
        assertThat(ignored.path("status").asString()).isEqualTo("IGNORED");
        assertThat(ignored.path("ignoreReason").asString()).isEqualTo("SPAM");
        assertThat(post(bob, "/invitations/" + unknown + "/ignore", Map.of("reason", "dont_know")).expect(200)
                .body().path("ignoreReason").asString()).isEqualTo("DONT_KNOW");

        assertThat(get(bob, "/invitations/received").body().path("total").asLong()).isZero();
        JsonNode asSender = get(ada, "/invitations/" + spam).expect(200).body();
        assertThat(asSender.path("status").asString()).as("the sender is not told").isEqualTo("PENDING");
        assertThat(asSender.path("ignoreReason").isNull()).isTrue();
        assertThat(get(ada, "/invitations/sent").itemIds()).containsExactly(spam);
        assertThat(get(ada, "/members/" + bob.key()).body().path("invitation").asString()).isEqualTo("SENT");
        assertThat(get(ada, "/notifications").body().path("items")).isEmpty();
        Response again = invite(ada, bob).expectProblem(409);
        assertThat(again.detail()).contains("already invited");
    }

    @Test
    void ignoreReasonMustBeDontKnowOrSpam() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        String id = invite(ada, bob).expect(201).text("id");

        post(bob, "/invitations/" + id + "/ignore", Map.of("reason", "RUDE")).expectFieldErrors("reason");

        assertThat(get(bob, "/invitations/received").itemIds()).containsExactly(id);
        assertThat(post(bob, "/invitations/" + id + "/ignore").expect(200).text("status")).isEqualTo("IGNORED");
    }

    @Test
    void withdrawnInviteeCannotBeReinvitedForThreeWeeks() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob", "Withdrawn");
        String id = invite(ada, bob).expect(201).text("id");

        JsonNode withdrawn = post(ada, "/invitations/" + id + "/withdraw").expect(200).body();

        assertThat(withdrawn.path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(get(bob, "/invitations/received").body().path("items")).isEmpty();
        assertThat(get(ada, "/invitations/sent").body().path("items")).isEmpty();
        get(bob, "/invitations/" + id).expectProblem(404);
        assertThat(get(bob, "/notifications").body().path("items")).as("it leaves no trace").isEmpty();
        Response refused = invite(ada, bob).expectProblem(409);
        assertThat(refused.problemType()).endsWith("/reinvite-cooldown");
        assertThat(refused.detail()).contains("Bob Withdrawn").contains("invite them again from");

        clock.advance(Duration.ofDays(21).minusSeconds(1));
        invite(ada, bob).expectProblem(409);
        clock.advance(Duration.ofSeconds(1));
        assertThat(invite(ada, bob).expect(201).text("status")).isEqualTo("PENDING");
    }

    @Test
    void withdrawingDoesNotStopTheOtherMemberFromInviting() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        String id = invite(ada, bob).expect(201).text("id");
        post(ada, "/invitations/" + id + "/withdraw").expect(200);

        JsonNode back = invite(bob, ada).expect(201).body();

        assertThat(back.path("status").asString()).isEqualTo("PENDING");
        assertThat(back.path("connected").asBoolean()).isFalse();
    }

    @Test
    void expiredInvitationLeavesTheListsAndCannotBeAccepted() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        JsonNode inv = invite(ada, bob, "hello").expect(201).body();
        String id = inv.path("id").asString();
        Instant expiresAt = Instant.parse(inv.path("expiresAt").asString());

        clock.set(expiresAt.minusSeconds(1));
        ada = signIn(ada); // tokens live 90 days
        bob = signIn(bob);
        assertThat(get(bob, "/invitations/received").itemIds()).containsExactly(id);

        clock.set(expiresAt);
        Response received = get(bob, "/invitations/received").expect(200);
        assertThat(received.body().path("items")).isEmpty();
        assertThat(received.body().path("total").asLong()).isZero();
        assertThat(get(ada, "/invitations/sent").body().path("items")).isEmpty();
        assertThat(get(ada, "/members/" + bob.key()).body().path("invitation").asString()).isEqualTo("NONE");
        Response accept = post(bob, "/invitations/" + id + "/accept").expectProblem(409);
        assertThat(accept.detail()).contains("expired");
        assertThat(get(ada, "/members/" + bob.key()).body().path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        // An expired invitation does not stand in the way of a new one.
        assertThat(invite(ada, bob).expect(201).text("id")).isNotEqualTo(id);
    }

    @Test
    void pastTheAllowanceInvitingIsA429WithRetryAfterAndTheQuotaSaysWhy() {
        Caller ada = caller("Ada", "Busy");
        int allowance = get(ada, "/me/invitation-quota").body().path("weeklyAllowance").asInt();
        assertThat(allowance).as("a new member's weekly allowance").isEqualTo(102);
        for (int i = 0; i < allowance; i++) {
            invite(ada, caller("Target" + i)).expect(201);
            clock.advance(Duration.ofMinutes(1));
        }
        Caller oneTooMany = caller("One", "TooMany");

        Response limited = invite(ada, oneTooMany).expectProblem(429);

        long wait = Duration.ofDays(7).minusMinutes(allowance).toSeconds();
        assertThat(limited.header("Retry-After")).isEqualTo(Long.toString(wait));
        assertThat(limited.detail()).contains("102 invitations in the last 7 days");
        assertThat(get(oneTooMany, "/invitations/received").body().path("total").asLong()).isZero();
        var quota = get(ada, "/me/invitation-quota").body();
        assertThat(quota.path("remainingThisWeek").asLong()).isZero();
        assertThat(quota.path("usedThisWeek").asLong()).isEqualTo(allowance);
        assertThat(quota.path("restrictions").get(0).asString()).startsWith("You have sent 102 invitations in the last 7 days");
        clock.advance(Duration.ofSeconds(wait));
        invite(ada, oneTooMany).expect(201);
    }

    @Test
    void listsAreLimitedToTheCallersOwnInvitations() {
        Caller ada = caller("Ada");
        Caller bob = caller("Bob");
        Caller eve = caller("Eve");
        invite(ada, bob).expect(201);

        assertThat(get(eve, "/invitations/received").body().path("items")).isEmpty();
        assertThat(get(eve, "/invitations/sent").body().path("items")).isEmpty();
        Map<String, Long> totals = new HashMap<>();
        totals.put("ada sent", get(ada, "/invitations/sent").body().path("total").asLong());
        totals.put("ada received", get(ada, "/invitations/received").body().path("total").asLong());
        totals.put("bob received", get(bob, "/invitations/received").body().path("total").asLong());
        assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of("ada sent", 1L, "ada received", 0L,
                "bob received", 1L));
    }
}
