package org.rapport.server.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;

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

/** The groups pages as plain forms: create, ask, approve, discuss, directory, manage; text escaped; CSRF required. */
@SqliteSpringTest
class GroupPagesIntegrationTest extends IntegrationContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    GroupService groups;

    private MockHttpServletResponse perform(Member as, MockHttpServletRequestBuilder request, boolean withCsrf) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        var auth = authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))));
        try {
            return mvc.perform(withCsrf ? request.with(auth).with(csrf()) : request.with(auth)).andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private MockHttpServletResponse perform(Member as, MockHttpServletRequestBuilder request) {
        return perform(as, request, true);
    }

    private static String text(MockHttpServletResponse r) {
        try {
            return r.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static MockHttpServletRequestBuilder post(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    @Test
    void aMemberAsksAManagerApprovesAndTheyDiscussWithTextEscaped() {
        Member owner = members.create("Olga", "Pages");
        Member asker = members.create("Abe", "Pages");
        assertThat(text(perform(owner, get("/groups")))).contains("You are not in any group yet").contains("href=\"/groups\"");

        var invalid = perform(owner, post("/groups").param("name", " ").param("visibility", "MEMBERS_ONLY"));
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(text(invalid)).contains("Give the group a name.");
        assertThat(perform(owner, post("/groups").param("name", "No token"), false).getStatus())
                .as("forms need the CSRF token").isEqualTo(403);

        String name = "<i>Pages</i> guild " + System.nanoTime();
        var created = perform(owner, post("/groups").param("name", name).param("description", "<script>alert(1)</script>")
                .param("visibility", "MEMBERS_ONLY").param("listed", "true"));
        assertThat(created.getStatus()).isEqualTo(302);
        String groupPath = created.getRedirectedUrl();
        assertThat(groupPath).matches("/groups/\\d+");
        long id = Long.parseLong(groupPath.substring("/groups/".length()));

        String outside = text(perform(asker, get(groupPath)));
        assertThat(outside).contains("&lt;i&gt;Pages&lt;/i&gt; guild").doesNotContain("<i>Pages</i>")
                .contains("&lt;script&gt;").doesNotContain("<script>alert")
                .contains("Ask to join").contains("Discussions are for members");
        assertThat(perform(asker, get(groupPath + "/members")).getStatus()).isEqualTo(403);
        assertThat(perform(asker, get(groupPath + "/manage")).getStatus()).isEqualTo(403);

        assertThat(perform(asker, post(groupPath + "/join")).getStatus()).isEqualTo(302);
        assertThat(text(perform(asker, get(groupPath)))).contains("Request sent");
        String manage = text(perform(owner, get(groupPath + "/manage")));
        assertThat(manage).contains("Abe Pages").contains("/requests/" + asker.id() + "/approve");
        assertThat(text(perform(owner, get(groupPath + "/manage?location=Nowhere")))).contains("No request matches");
        assertThat(perform(owner, post(groupPath + "/requests/" + asker.id() + "/approve")).getStatus()).isEqualTo(302);

        var empty = perform(asker, post(groupPath + "/posts").param("text", "   "));
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(text(empty)).contains("Write something first.");
        assertThat(perform(asker, post(groupPath + "/posts").param("text", "<b>Hello</b> everyone")).getStatus()).isEqualTo(302);
        String page = text(perform(owner, get(groupPath)));
        assertThat(page).contains("&lt;b&gt;Hello&lt;/b&gt; everyone").doesNotContain("<b>Hello</b>");
        long postId = groups.posts(owner.id(), id, false, org.rapport.server.system.PageRequest.first(5)).items().get(0).id();
        assertThat(perform(owner, post(groupPath + "/posts/" + postId + "/comments").param("text", "Welcome <Abe>")).getStatus())
                .isEqualTo(302);
        assertThat(text(perform(asker, get(groupPath + "/posts/" + postId)))).contains("Welcome &lt;Abe&gt;");

        String directory = text(perform(asker, get(groupPath + "/members")));
        assertThat(directory).contains("Olga Pages").contains("Group").contains("/messages/with/" + owner.id())
                .contains("name=\"inviteeId\" value=\"" + owner.id() + "\"");
        assertThat(text(perform(asker, get("/groups")))).contains("Pages</i> guild".replace("<", "&lt;").replace(">", "&gt;"));

        assertThat(perform(owner, post(groupPath + "/leave")).getStatus()).as("the owner must transfer first").isEqualTo(409);
        assertThat(perform(owner, post(groupPath + "/members/" + asker.id() + "/owner")).getStatus()).isEqualTo(302);
        assertThat(groups.view(asker.id(), id).relation()).isEqualTo(Relation.OWNER);
        assertThat(perform(owner, post(groupPath + "/leave")).getStatus()).isEqualTo(302);
        assertThat(groups.view(owner.id(), id).relation()).isEqualTo(Relation.NONE);
    }
}
