package org.rapport.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who gets what from every administration path, API and pages: no session or token 401 (the API)
 * or the sign-in page (pages); a member 404, as for a path that does not exist; a moderator and an
 * administrator as each row says. A path under {@code /admin} or {@code /api/v1/admin} without a
 * row fails {@link #everyAdministrationPathHasARow()}. (The member-relative matrix,
 * {@code AuthorizationMatrixApiIntegrationTest}, has rows for these too: 404 for every role it knows.)
 */
@SqliteSpringTest
class AdminAuthorizationIntegrationTest extends ApiIntegrationContract {

    enum Who { ANONYMOUS, MEMBER, MODERATOR, ADMIN }

    /** One path: what each role gets; {id} is a fresh member for each call. */
    record Row(String endpoint, boolean page, int member, int moderator, int admin, Function<Long, Object> body,
               boolean aboutAReport, boolean aboutASignUp) {
        Row(String endpoint, boolean page, int member, int moderator, int admin, Function<Long, Object> body) {
            this(endpoint, page, member, moderator, admin, body, false, false);
        }

        /** {id} names an open report on the fresh member instead. */
        Row onAReport() {
            return new Row(endpoint, page, member, moderator, admin, body, true, false);
        }

        /** The fresh member is a sign-up waiting for approval. */
        Row onASignUpWaiting() {
            return new Row(endpoint, page, member, moderator, admin, body, false, true);
        }

        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> page ? 302 : 401;
                case MEMBER -> member;
                case MODERATOR -> moderator;
                case ADMIN -> admin;
            };
        }
    }

    static Row api(String endpoint, int moderator, int admin) {
        return new Row(endpoint, false, 404, moderator, admin, id -> null);
    }

    static Row api(String endpoint, int moderator, int admin, Function<Long, Object> body) {
        return new Row(endpoint, false, 404, moderator, admin, body);
    }

    static Row page(String endpoint, int moderator, int admin) {
        return new Row(endpoint, true, 404, moderator, admin, id -> null);
    }

    static Row page(String endpoint, int moderator, int admin, Function<Long, Object> form) {
        return new Row(endpoint, true, 404, moderator, admin, form);
    }

    static final List<Row> ROWS = List.of(
            api("GET /admin/members", 200, 200),
            api("POST /admin/members/{id}/suspend", 200, 200, id -> Map.of("reason", "Matrix")),
            api("POST /admin/members/{id}/unsuspend", 200, 200),
            api("POST /admin/members/{id}/password-reset", 403, 202),
            api("DELETE /admin/members/{id}", 403, 204),
            api("GET /admin/settings", 403, 200),
            api("PATCH /admin/settings", 403, 200, id -> Map.of()),
            api("GET /admin/audit-log", 200, 200),
            api("GET /admin/audit-log.csv", 200, 200),
            api("GET /admin/reports", 200, 200),
            api("POST /admin/reports/{id}/resolve", 200, 200, id -> Map.of("action", "DISMISS")).onAReport(),
            api("GET /admin/sign-up-requests", 403, 200),
            api("POST /admin/sign-up-requests/{id}/approve", 403, 200).onASignUpWaiting(),
            api("POST /admin/sign-up-requests/{id}/refuse", 403, 204, id -> Map.of("reason", "Matrix")).onASignUpWaiting(),

            page("GET /admin", 302, 302),
            page("GET /admin/members", 200, 200),
            page("POST /admin/members/{id}/suspend", 302, 302, id -> Map.of("reason", "Matrix")),
            page("POST /admin/members/{id}/unsuspend", 302, 302),
            page("POST /admin/members/{id}/password-reset", 403, 302),
            page("POST /admin/members/{id}/delete", 403, 302, id -> Map.of("confirm", "yes")),
            page("GET /admin/settings", 403, 200),
            page("POST /admin/settings", 403, 302, id -> Map.of("siteName", "Rapport")),
            page("GET /admin/audit-log", 200, 200),
            page("GET /admin/audit-log.csv", 200, 200),
            page("GET /admin/reports", 200, 200),
            page("POST /admin/reports/{id}/resolve", 302, 302, id -> Map.of("action", "DISMISS")).onAReport(),
            page("GET /admin/sign-up-requests", 403, 200),
            page("POST /admin/sign-up-requests/{id}/approve", 403, 302).onASignUpWaiting(),
            page("POST /admin/sign-up-requests/{id}/refuse", 403, 302, id -> Map.of("reason", "Matrix")).onASignUpWaiting());

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    AdminService admin;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    org.rapport.server.report.ReportService reports;
    @Autowired
    AdminRepository adminRepository;

    @Test
    void everyAdministrationPathHasARow() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                boolean isApi = pattern.startsWith(API + "/admin");
                if (isApi || pattern.equals("/admin") || pattern.startsWith("/admin/")) {
                    for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                        mapped.add((isApi ? "api " : "page ") + verb.name() + " "
                                + (isApi ? pattern.substring(API.length()) : pattern));
                    }
                }
            }
        });
        Set<String> rows = new TreeSet<>();
        ROWS.forEach(r -> rows.add((r.page() ? "page " : "api ") + r.endpoint()));
        assertThat(rows).as("rows of the administration matrix; mapped: %s", mapped).isEqualTo(mapped);
    }

    @Test
    void everyAdministrationPathAnswersEveryRoleAsItsRowSays() {
        Map<Who, Member> callers = new LinkedHashMap<>();
        callers.put(Who.MEMBER, members.create("Plain", "Matrix"));
        callers.put(Who.MODERATOR, members.create("Mod", "Matrix"));
        callers.put(Who.ADMIN, members.create("Root", "Matrix"));
        admin.grantFromCommandLine(callers.get(Who.MODERATOR).email(), "moderator");
        admin.grantFromCommandLine(callers.get(Who.ADMIN).email(), "admin");
        Map<Who, Caller> tokens = new LinkedHashMap<>();
        callers.forEach((who, m) -> tokens.put(who, signIn(m)));

        List<String> failures = new ArrayList<>();
        for (Row row : ROWS) {
            for (Who who : Who.values()) {
                Member target = members.create("Target", "Matrix");
                long id = target.id();
                if (row.aboutASignUp()) {
                    adminRepository.holdForApproval(id, System.currentTimeMillis());
                }
                if (row.aboutAReport()) {
                    id = reports.report(members.create("Reporter", "Matrix").id(), "MEMBER", Long.toString(target.id()),
                            "SPAM", "").id();
                }
                int status = row.page() ? callPage(row, who == Who.ANONYMOUS ? null : callers.get(who), id)
                        : callApi(row, who == Who.ANONYMOUS ? null : tokens.get(who), id);
                if (status != row.expected(who)) {
                    failures.add(row.endpoint() + (row.page() ? " (page)" : " (api)") + " as " + who + ": "
                            + status + ", expected " + row.expected(who));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private int callApi(Row row, Caller as, long target) {
        String[] verbPath = row.endpoint().split(" ", 2);
        String path = verbPath[1].replace("{id}", Long.toString(target));
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(verbPath[0]), API + path);
        Response r = perform(as, request, row.body().apply(target));
        if (r.status() >= 400) {
            r.expectProblem(r.status());
        }
        return r.status();
    }

    private int callPage(Row row, Member as, long target) {
        String[] verbPath = row.endpoint().split(" ", 2);
        String path = verbPath[1].replace("{id}", Long.toString(target));
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(verbPath[0]), path).with(csrf());
        Object form = row.body().apply(target);
        if (form instanceof Map<?, ?> params) {
            params.forEach((k, v) -> request.param((String) k, (String) v));
        }
        if (as != null) {
            var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
            request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority("ROLE_MEMBER")))));
        }
        try {
            var response = mvc.perform(request).andReturn().getResponse();
            if (as == null && response.getStatus() == 302) {
                assertThat(response.getRedirectedUrl()).startsWith("/signin");
            }
            return response.getStatus();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
