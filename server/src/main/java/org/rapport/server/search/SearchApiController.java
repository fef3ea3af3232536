package org.rapport.server.search;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People search and the colleague and classmate searches over the API (D1, D2). */
@RestController
@RequestMapping("/api/v1/search")
@Tag(name = "Search", description = "Finding people: full text, graph filters, facets; colleagues and classmates (D1, D2)")
class SearchApiController {

    record PeopleJson(List<MemberCardJson> items, String nextCursor, Long total,
                      Map<String, List<PeopleSearchService.FacetValue>> facets) {
    }

    record SharedPlaceJson(MemberCardJson member, String place, Integer from, Integer to, boolean overlapping) {
        static SharedPlaceJson of(PeopleSearchService.SharedPlace p) {
            return new SharedPlaceJson(MemberCardJson.of(p.card()), p.place(), p.from(), p.to(), p.overlapping());
        }
    }

    private final PeopleSearchService search;

    SearchApiController(PeopleSearchService search) {
        this.search = search;
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/people")
    @Operation(summary = "Find people by name, headline, skills, positions and schools, with filters and facets",
            description = "degree: 1, 2 or 3 (3rd and beyond), repeatable or comma-separated. Words or at least one "
                    + "filter are required (400 otherwise). Results are ranked by relevance blended with closeness "
                    + "in the network; facets count the whole matching set.")
    PeopleJson people(@AuthenticationPrincipal MemberPrincipal me,
                      @RequestParam(required = false) String q,
                      @RequestParam(required = false) List<String> degree,
                      @RequestParam(required = false) String location,
                      @RequestParam(required = false) String currentCompany,
                      @RequestParam(required = false) String pastCompany,
                      @RequestParam(required = false) String school,
                      @RequestParam(required = false) String industry,
                      @RequestParam(required = false) Integer limit,
                      @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        PeopleQuery query = PeopleQuery.of(q, degree, location, currentCompany, pastCompany, school, industry);
        PeopleSearchService.Results results = search.search(me.memberId(), query, page);
        Page<MemberCardJson> items = results.page().map(MemberCardJson::of);
        return new PeopleJson(items.items(), items.nextCursor(), items.total(), results.facets());
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/colleagues")
    @Operation(summary = "Members who work or worked at my companies, overlapping years first")
    Page<SharedPlaceJson> colleagues(@AuthenticationPrincipal MemberPrincipal me,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return search.colleagues(me.memberId(), PageRequest.of(limit, cursor)).map(SharedPlaceJson::of);
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/classmates")
    @Operation(summary = "Members who studied at my schools, nearest years first")
    Page<SharedPlaceJson> classmates(@AuthenticationPrincipal MemberPrincipal me,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return search.classmates(me.memberId(), PageRequest.of(limit, cursor)).map(SharedPlaceJson::of);
    }
}
