package org.rapport.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import tools.jackson.databind.JsonNode;

/** People search, colleagues and classmates over the API: shapes, filters, facets, paging and validation. */
@SqliteSpringTest
class SearchApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void peopleSearchAnswersCardsFacetsAndPages() {
        String industry = "Apiindustry" + System.nanoTime();
        Caller me = caller("Searcher");
        Caller friend = caller("Marguerite", "Apisearch");
        Caller far = caller("Marguerite", "Apisearch");
        connect(me, friend);
        for (Caller c : List.of(friend, far)) {
            patch(c, "/me/profile", Map.of("industry", industry, "location", "Lyon",
                    "positions", List.of(Map.of("company", "Apico", "title", "Chemist", "from", 2019)))).expect(200);
        }

        JsonNode body = get(me, "/search/people?q=margerite&industry=" + industry).expect(200).body();
        assertThat(body.path("total").asLong()).isEqualTo(2);
        JsonNode top = body.path("items").get(0);
        assertThat(top.path("id").asString()).isEqualTo(friend.key());
        assertThat(top.path("degree").asString()).isEqualTo("FIRST");
        assertThat(body.path("items").get(1).path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        JsonNode facets = body.path("facets");
        assertThat(facets.path("location").get(0).path("value").asString()).isEqualTo("Lyon");
        assertThat(facets.path("location").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(facets.path("currentCompany").get(0).path("value").asString()).isEqualTo("Apico");
        assertThat(facets.path("degree")).hasSize(2);

        assertThat(get(me, "/search/people?q=chemist&degree=1&industry=" + industry).itemIds()).containsExactly(friend.key());
        assertThat(get(me, "/search/people?degree=3&currentCompany=apico&industry=" + industry).itemIds())
                .containsExactly(far.key());
        JsonNode page = get(me, "/search/people?q=marguerite&limit=1&industry=" + industry).body();
        assertThat(page.path("items")).hasSize(1);
        String cursor = page.path("nextCursor").asString();
        assertThat(get(me, "/search/people?q=marguerite&limit=1&industry=" + industry + "&cursor=" + cursor).itemIds())
                .containsExactly(far.key());
    }

    @Test
    void badSearchesAreProblemsWithFieldErrors() {
        Caller me = caller("Validator");
        get(me, "/search/people?q=ana&degree=4").expectFieldErrors("degree");
        get(me, "/search/people?q=ana&degree=first,x").expectFieldErrors("degree");
        get(me, "/search/people").expectFieldErrors("q");
        get(me, "/search/people?q=&location=").expectFieldErrors("q");
        get(me, "/search/people?q=ana&limit=0").expectFieldErrors("limit");
        get(me, "/search/people?q=ana&cursor=nonsense").expectFieldErrors("cursor");
        get(me, "/search/colleagues?cursor=nonsense").expectFieldErrors("cursor");
        get(me, "/search/people?degree=2").expectFieldErrors("q"); // a degree alone would walk my network (issue 15)
        get(null, "/search/people?q=ana").expectProblem(401);
    }

    @Test
    void colleaguesAndClassmatesNameThePlaceAndYears() {
        String company = "Apiworks" + System.nanoTime();
        String school = "Apischool" + System.nanoTime();
        Caller me = caller("Colleague", "Seeker");
        Caller other = caller("Colleague", "Found");
        patch(me, "/me/profile", Map.of(
                "positions", List.of(Map.of("company", company, "title", "Dev", "from", 2015, "to", 2020)),
                "education", List.of(Map.of("school", school, "degree", "BSc", "from", 2008, "to", 2012)))).expect(200);
        patch(other, "/me/profile", Map.of(
                "positions", List.of(Map.of("company", company, "title", "Ops", "from", 2018, "to", 2022)),
                "education", List.of(Map.of("school", school, "degree", "MSc", "from", 2012, "to", 2014)))).expect(200);

        JsonNode colleague = get(me, "/search/colleagues").expect(200).body().path("items").get(0);
        assertThat(colleague.path("member").path("id").asString()).isEqualTo(other.key());
        assertThat(colleague.path("place").asString()).isEqualTo(company);
        assertThat(colleague.path("from").asInt()).isEqualTo(2018);
        assertThat(colleague.path("overlapping").asBoolean()).isTrue();
        JsonNode classmate = get(me, "/search/classmates").expect(200).body().path("items").get(0);
        assertThat(classmate.path("member").path("id").asString()).isEqualTo(other.key());
        assertThat(classmate.path("overlapping").asBoolean()).isTrue();
    }
}
