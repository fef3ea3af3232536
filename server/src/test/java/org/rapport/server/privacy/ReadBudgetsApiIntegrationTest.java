package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestClockConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 15: every budgeted read, over the API and on the pages, crosses its per-minute burst and
 * then its per-day total, and is refused with 429, {@code Retry-After} and nothing done. Small
 * budgets (3 a minute, 5 a day) in a context of its own; the shipped sizes are in README.
 */
@SqliteSpringTest
@TestPropertySource(properties = {
        "rapport.test.own-database=true",
        "rapport.limits.profiles-per-minute=3", "rapport.limits.profiles-per-day=5",
        "rapport.limits.mutual-per-minute=3", "rapport.limits.mutual-per-day=5",
        "rapport.limits.path-per-minute=3", "rapport.limits.path-per-day=5",
        "rapport.limits.also-viewed-per-minute=3", "rapport.limits.also-viewed-per-day=5",
        "rapport.limits.search-per-minute=3", "rapport.limits.search-per-day=5",
        "rapport.limits.contacts-per-minute=3", "rapport.limits.contacts-per-day=5",
        "rapport.limits.follows-per-minute=3", "rapport.limits.follows-per-day=5"})
class ReadBudgetsApiIntegrationTest extends ApiIntegrationContract {

    @Autowired
    MemberRepository memberRepository;

    private record Door(String name, Function<Caller, Response> call) {
    }

    @Test
    void everyApiReadCrossesItsMinuteThenItsDayAndIsRefusedWithRetryAfter() {
        Caller target = caller("Target", "Budget");
        List<Door> doors = List.of(
                new Door("profile", c -> get(c, "/members/" + target.key())),
                new Door("mutual", c -> get(c, "/members/" + target.key() + "/mutual-connections")),
                new Door("path", c -> get(c, "/members/" + target.key() + "/path")),
                new Door("also viewed", c -> get(c, "/members/" + target.key() + "/also-viewed")),
                new Door("search", c -> get(c, "/search/people?q=Target")),
                new Door("colleagues", c -> get(c, "/search/colleagues")),
                new Door("contacts", c -> get(c, "/contacts")));
        for (Door door : doors) {
            Caller reader = caller("Reader", "Budget");
            for (int i = 0; i < 3; i++) {
                assertThat(door.call().apply(reader).status()).as(door.name() + " #" + (i + 1)).isLessThan(400);
            }
            Response refused = door.call().apply(reader).expectProblem(429);
            assertThat(refused.problemType()).as(door.name()).endsWith("too-many-reads");
            long retry = Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER));
            assertThat(retry).as(door.name() + " waits for the minute").isBetween(1L, 60L);
            // Another member is not held up by this one's budget.
            assertThat(door.call().apply(caller("Other", "Budget")).status()).as(door.name()).isLessThan(400);

            clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 2; i++) {
                assertThat(door.call().apply(reader).status()).as(door.name() + " after a minute").isLessThan(400);
            }
            Response daily = door.call().apply(reader).expectProblem(429);
            assertThat(Long.parseLong(daily.header(HttpHeaders.RETRY_AFTER))).as(door.name() + " waits for the day")
                    .isGreaterThan(60L * 60);
            clock.set(TestClockConfiguration.START);
        }
    }

    @Test
    void followAndUnfollowShareOneBudgetAndARefusedFollowChangesNothing() {
        Caller me = caller("Follower", "Budget");
        Caller her = caller("Followed", "Budget");
        post(me, "/members/" + her.key() + "/follow").expect(204);
        delete(me, "/members/" + her.key() + "/follow").expect(204);
        post(me, "/members/" + her.key() + "/follow").expect(204);
        delete(me, "/members/" + her.key() + "/follow").expectProblem(429);
        assertThat(get(me, "/members/" + me.key() + "/following").body().toString()).contains(her.key());
    }

    @Test
    void aPageOverItsBudgetSaysSoWithRetryAfter() {
        Caller me = caller("Pagereader", "Budget");
        Caller her = caller("Pageread", "Budget");
        for (int i = 0; i < 3; i++) {
            assertThat(page(me, MockMvcRequestBuilders.get("/members/" + her.key())).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = page(me, MockMvcRequestBuilders.get("/members/" + her.key()));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(text(refused)).contains("You have reached the limit for profile reads").doesNotContain("Pageread Budget");
        for (String path : List.of("/search?q=Pageread", "/members/" + her.key() + "/mutual", "/contacts")) {
            for (int i = 0; i < 3; i++) {
                assertThat(page(me, MockMvcRequestBuilders.get(path)).getStatus()).as(path).isEqualTo(200);
            }
            assertThat(page(me, MockMvcRequestBuilders.get(path)).getStatus()).as(path).isEqualTo(429);
        }
    }

    private MockHttpServletResponse page(Caller as, MockHttpServletRequestBuilder request) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf()))
                    .andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String text(MockHttpServletResponse r) {
        try {
            return r.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
