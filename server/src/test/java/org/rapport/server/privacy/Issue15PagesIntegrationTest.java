package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Issue 15's attacks on the pages, each rerun: the doors a page opens that the API keeps shut. */
@SqliteSpringTest
class Issue15PagesIntegrationTest extends IntegrationContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    BlockService blocks;

    MockHttpServletResponse perform(Member as, MockHttpServletRequestBuilder request) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, java.util.List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf()))
                    .andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String text(MockHttpServletResponse r) {
        try {
            return r.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theInvitePageOfABlockedMemberIsNotFoundEitherWay() {
        Member blocker = members.create("Blocker", "Invite");
        Member blocked = members.create("Blocked", "Invite");
        Member stranger = members.create("Stranger", "Invite");
        assertThat(perform(blocked, MockMvcRequestBuilders.get("/members/" + blocker.id() + "/invite")).getStatus())
                .isEqualTo(200);
        blocks.block(blocker.id(), blocked.id());

        MockHttpServletResponse toBlocker = perform(blocked, MockMvcRequestBuilders.get("/members/" + blocker.id() + "/invite"));
        assertThat(toBlocker.getStatus()).isEqualTo(404);
        assertThat(text(toBlocker)).doesNotContain("Blocker Invite");
        MockHttpServletResponse toBlocked = perform(blocker, MockMvcRequestBuilders.get("/members/" + blocked.id() + "/invite"));
        assertThat(toBlocked.getStatus()).isEqualTo(404);
        assertThat(text(toBlocked)).doesNotContain("Blocked Invite");
        assertThat(perform(stranger, MockMvcRequestBuilders.get("/members/" + blocker.id() + "/invite")).getStatus())
                .isEqualTo(200);
        assertThat(perform(stranger, MockMvcRequestBuilders.get("/members/987654321/invite")).getStatus())
                .isEqualTo(404);
    }

    @Test
    void theSearchPageTreatsAQueryThatWouldMatchEveryoneAsNoQuery() {
        Member me = members.create("Pagewalker", "Search");
        Member friend = members.create("Zebediah", "Search");
        connect(me, friend);
        String empty = text(perform(me, MockMvcRequestBuilders.get("/search")));
        for (String attack : new String[] {"?degree=1,2,3", "?q=*", "?q=*:*", "?q=/.*/", "?q=*&degree=1"}) {
            MockHttpServletResponse page = perform(me, MockMvcRequestBuilders.get("/search" + attack));
            assertThat(page.getStatus()).as(attack).isEqualTo(200);
            assertThat(text(page)).as(attack).doesNotContain("Zebediah");
        }
        assertThat(empty).doesNotContain("Zebediah");
        assertThat(text(perform(me, MockMvcRequestBuilders.get("/search?q=zebediah")))).contains("Zebediah");
    }
}
