package org.rapport.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;

import tools.jackson.databind.JsonNode;

/** Connection lists, mutual connections, privacy and silent removal over the API (A6, C2, I1). */
@SqliteSpringTest
class ConnectionApiIntegrationTest extends ApiIntegrationContract {

    private Response connectionsOf(Caller viewer, Caller owner, String query) {
        return get(viewer, "/members/" + owner.key() + "/connections" + query);
    }

    private List<String> names(Response r) {
        return r.body().path("items").valueStream().map(i -> i.path("member").path("firstName").asString()).toList();
    }

    @Test
    void connectionsSortByRecentFirstNameOrLastName() {
        Caller owner = caller("Owner");
        String[][] names = {{"Zoë", "Adams"}, {"adam", "Young"}, {"Émile", "Brown"}, {"Bob", "Zeta"}, {"Carla", "émond"}};
        List<String> connectedOrder = new ArrayList<>();
        for (String[] n : names) {
            Caller c = caller(n[0], n[1]);
            connect(c, owner);
            connectedOrder.add(0, c.key());
            clock.advance(Duration.ofMinutes(1));
        }

        Response recent = connectionsOf(owner, owner, "?sort=recent").expect(200);
        assertThat(recent.itemIds("member")).containsExactlyElementsOf(connectedOrder);
        assertThat(recent.body().path("total").asLong()).isEqualTo(5);
        JsonNode newest = recent.body().path("items").get(0);
        assertThat(Instant.parse(newest.path("connectedAt").asString()))
                .isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(newest.path("member").path("degree").asString()).isEqualTo("FIRST");
        assertThat(connectionsOf(owner, owner, "").itemIds("member")).as("recent is the default")
                .containsExactlyElementsOf(connectedOrder);
        assertThat(names(connectionsOf(owner, owner, "?sort=first_name").expect(200)))
                .containsExactly("adam", "Bob", "Carla", "Émile", "Zoë");
        assertThat(names(connectionsOf(owner, owner, "?sort=last_name").expect(200)))
                .containsExactly("Zoë", "Émile", "Carla", "adam", "Bob");
    }

    @Test
    void connectionListsPageWithoutDuplicatesOrGapsInEveryOrder() {
        Caller owner = caller("Pager");
        for (int i = 0; i < 7; i++) {
            connect(caller("P" + (char) ('a' + (i * 3) % 7), "Same"), owner);
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        for (String sort : List.of("recent", "first_name", "last_name")) {
            List<String> all = connectionsOf(owner, owner, "?limit=100&sort=" + sort).expect(200).itemIds("member");
            assertThat(all).hasSize(7);
            List<String> walked = new ArrayList<>();
            String cursor = null;
            do {
                Response page = connectionsOf(owner, owner, "?limit=3&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
                walked.addAll(page.itemIds("member"));
                cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
            } while (cursor != null && walked.size() <= 7);
            assertThat(walked).as(sort).containsExactlyElementsOf(all);
        }
        String recentCursor = connectionsOf(owner, owner, "?limit=3&sort=recent").text("nextCursor");
        connectionsOf(owner, owner, "?sort=first_name&cursor=" + recentCursor).expectFieldErrors("cursor");
    }

    @Test
    void filtersMatchNameHeadlineLocationCompanySchoolAndIndustry() {
        Caller owner = caller("Filter", "Owner");
        Caller ana = caller("Ana", "Lima");
        Caller ben = caller("Ben", "Okafor");
        connect(ana, owner);
        connect(ben, owner);
        patch(ana, "/me/profile", Map.of("headline", "Data engineer", "location", "Lisbon, Portugal",
                "industry", "Software",
                "positions", List.of(Map.of("company", "Acme Analytics", "title", "Engineer", "from", 2019)),
                "education", List.of(Map.of("school", "Northbridge University", "degree", "BSc")))).expect(200);
        patch(ben, "/me/profile", Map.of("headline", "Nurse", "location", "Lagos, Nigeria",
                "industry", "Health care",
                "positions", List.of(Map.of("company", "Evergreen Hospital", "title", "Nurse")))).expect(200);

        assertThat(connectionsOf(owner, owner, "?q=lima").itemIds("member")).containsExactly(ana.key());
        assertThat(connectionsOf(owner, owner, "?q=ENGINEER").itemIds("member")).containsExactly(ana.key());
        assertThat(connectionsOf(owner, owner, "?location=lagos").itemIds("member")).containsExactly(ben.key());
        assertThat(connectionsOf(owner, owner, "?company=acme").itemIds("member")).containsExactly(ana.key());
        assertThat(connectionsOf(owner, owner, "?school=northbridge").itemIds("member")).containsExactly(ana.key());
        assertThat(connectionsOf(owner, owner, "?industry=health").itemIds("member")).containsExactly(ben.key());
        assertThat(connectionsOf(owner, owner, "?industry=health&location=lisbon").itemIds("member")).isEmpty();
        Response filtered = connectionsOf(owner, owner, "?company=evergreen").expect(200);
        assertThat(filtered.body().path("total").asLong()).as("the total follows the filter").isEqualTo(1);
        assertThat(connectionsOf(owner, owner, "?q=%_").itemIds("member")).as("LIKE wildcards are literal").isEmpty();
    }

    @Test
    void unknownSortIsABadRequest() {
        Caller owner = caller("Sorter");
        Response r = connectionsOf(owner, owner, "?sort=age").expectFieldErrors("sort");
        assertThat(r.errorMessage("sort")).contains("recent").contains("first_name").contains("last_name");
    }

    @Test
    void onlyMeHidesTheListFromOthersButConnectionsStillSeeWhatTheyShare() {
        Caller owner = caller("Secret");
        Caller friend = caller("Friend");
        Caller shared = caller("Shared");
        Caller other = caller("Other");
        Caller stranger = caller("Stranger");
        connect(owner, friend);
        connect(owner, shared);
        connect(owner, other);
        connect(friend, shared);

        assertThat(patch(owner, "/me/settings", Map.of("connectionsVisibility", "ONLY_ME")).expect(200)
                .text("connectionsVisibility")).isEqualTo("ONLY_ME");

        assertThat(connectionsOf(owner, owner, "").itemIds("member"))
                .containsExactlyInAnyOrder(friend.key(), shared.key(), other.key());
        Response asFriend = connectionsOf(friend, owner, "").expect(200);
        assertThat(asFriend.itemIds("member")).containsExactly(shared.key());
        assertThat(asFriend.body().path("total").asLong()).as("the total does not give the rest away").isEqualTo(1);
        Response hidden = connectionsOf(stranger, owner, "").expectProblem(403);
        assertThat(hidden.rawText()).doesNotContain(friend.key() + "\"").doesNotContain("\"items\"");
        assertThat(get(stranger, "/members/" + owner.key()).expect(200).body().path("connectionCount").isNull())
                .as("the count is hidden too").isTrue();
        assertThat(get(friend, "/members/" + owner.key() + "/mutual-connections").itemIds())
                .containsExactly(shared.key());
    }

    @Test
    void connectionsSettingHidesTheListFromStrangersOnlyAndEveryoneShowsIt() {
        Caller owner = caller("Guarded");
        Caller friend = caller("Friend");
        Caller stranger = caller("Stranger");
        connect(owner, friend);
        patch(owner, "/me/settings", Map.of("connectionsVisibility", "CONNECTIONS")).expect(200);

        assertThat(connectionsOf(friend, owner, "").expect(200).itemIds("member")).containsExactly(friend.key());
        connectionsOf(stranger, owner, "").expectProblem(403);

        patch(owner, "/me/settings", Map.of("connectionsVisibility", "everyone")).expect(200);
        assertThat(connectionsOf(stranger, owner, "").expect(200).itemIds("member")).containsExactly(friend.key());
        patch(owner, "/me/settings", Map.of("connectionsVisibility", "NOBODY")).expectFieldErrors("connectionsVisibility");
    }

    @Test
    void connectionsOfAMissingMemberAreNotFound() {
        Caller me = caller("Looker");
        get(me, "/members/987654321/connections").expectProblem(404);
        get(me, "/members/nope/connections").expectProblem(404);
        get(me, "/members/987654321/mutual-connections").expectProblem(404);
    }

    @Test
    void mutualConnectionsListTheSharedOnesByNameAndPage() {
        Caller me = caller("Me");
        Caller them = caller("Them");
        Caller zed = caller("Zed", "One");
        Caller amy = caller("Amy", "Two");
        Caller mine = caller("Only", "Mine");
        for (Caller m : List.of(zed, amy)) {
            connect(me, m);
            connect(them, m);
        }
        connect(me, mine);

        Response first = get(me, "/members/" + them.key() + "/mutual-connections?limit=1").expect(200);
        assertThat(first.itemIds()).containsExactly(amy.key());
        assertThat(first.body().path("total").asLong()).isEqualTo(2);
        assertThat(first.body().path("items").get(0).path("degree").asString()).isEqualTo("FIRST");
        Response rest = get(me, "/members/" + them.key() + "/mutual-connections?limit=1&cursor="
                + first.text("nextCursor")).expect(200);
        assertThat(rest.itemIds()).containsExactly(zed.key());
        assertThat(rest.body().path("nextCursor").isNull()).isTrue();
        assertThat(get(me, "/members/" + them.key()).body().path("mutualConnectionCount").asInt()).isEqualTo(2);
        get(me, "/members/" + them.key() + "/mutual-connections?cursor=bogus").expectFieldErrors("cursor");
    }

    @Test
    void removingAConnectionIsSilent() {
        Caller a = caller("A");
        Caller b = caller("B");
        Caller c = caller("C");
        connect(a, b);
        connect(b, c);
        JsonNode before = get(a, "/notifications").body();
        assertThat(get(a, "/members/" + c.key()).body().path("degree").asString()).isEqualTo("SECOND");

        delete(b, "/connections/" + a.key()).expect(204);

        JsonNode after = get(a, "/notifications").expect(200).body();
        assertThat(after.path("items")).as("a is not told").hasSize(before.path("items").size());
        assertThat(after.path("unreadCount").asLong()).isEqualTo(before.path("unreadCount").asLong());
        assertThat(get(a, "/members/" + b.key()).body().path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(get(a, "/members/" + c.key()).body().path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(get(a, "/me").body().path("connectionCount").asLong()).isZero();
        assertThat(connectionsOf(b, b, "").itemIds("member")).containsExactly(c.key());
        delete(b, "/connections/" + a.key()).expectProblem(404);
        delete(b, "/connections/987654321").expectProblem(404);
        delete(b, "/connections/abc").expectProblem(404);
        // They may connect again.
        assertThat(post(a, "/invitations", Map.of("inviteeId", b.key())).expect(201).text("status")).isEqualTo("PENDING");
    }
}
