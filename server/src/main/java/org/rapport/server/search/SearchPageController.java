package org.rapport.server.search;

import java.util.List;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The search page (the top bar's box lands here) with facets, and the colleague and classmate tabs. */
@PageController
class SearchPageController {

    private final PeopleSearchService search;

    SearchPageController(PeopleSearchService search) {
        this.search = search;
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/search")
    String people(@AuthenticationPrincipal MemberPrincipal me,
                  @RequestParam(required = false) String q,
                  @RequestParam(required = false) List<String> degree,
                  @RequestParam(required = false) String location,
                  @RequestParam(required = false) String currentCompany,
                  @RequestParam(required = false) String pastCompany,
                  @RequestParam(required = false) String school,
                  @RequestParam(required = false) String industry,
                  @RequestParam(required = false) String cursor,
                  Model model) {
        PeopleQuery query = new PeopleQuery(q, null, location, currentCompany, pastCompany, school, industry);
        SearchView view;
        try {
            query = PeopleQuery.of(q, degree, location, currentCompany, pastCompany, school, industry);
            view = new SearchView(query, search.search(me.memberId(), query, new PageRequest(20, cursor)), null, cursor);
        } catch (ValidationException e) {
            // A query that would match everyone (a degree alone, "*", Lucene syntax) is treated as no query.
            boolean nothingAsked = query.isEmpty();
            view = new SearchView(query, null, nothingAsked ? null
                    : String.join(" ", e.errors().stream().map(ValidationException.FieldError::message).toList()), null);
        }
        model.addAttribute("view", view);
        return "pages/search";
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/search/colleagues")
    String colleagues(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                      Model model) {
        model.addAttribute("kind", "colleagues");
        model.addAttribute("page", search.colleagues(me.memberId(), new PageRequest(20, cursor)));
        return "pages/search-shared";
    }

    @Budgeted(ReadBudget.SEARCH)
    @GetMapping("/search/classmates")
    String classmates(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                      Model model) {
        model.addAttribute("kind", "classmates");
        model.addAttribute("page", search.classmates(me.memberId(), new PageRequest(20, cursor)));
        return "pages/search-shared";
    }
}
