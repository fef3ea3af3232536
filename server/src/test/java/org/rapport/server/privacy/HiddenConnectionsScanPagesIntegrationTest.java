package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.credibility.EndorsementService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 15's scan, on the pages: a member who keeps her connections to herself, and as her 1st,
 * 2nd and 3rd-degree member and a stranger, every id around them through the profile (with its
 * "how you're connected", mutual preview and endorsers), connections, mutual, followers and
 * following pages, then search and a group's members page. No page names her on a hidden
 * connection's page, nor a hidden connection on hers.
 */
@SqliteSpringTest
class HiddenConnectionsScanPagesIntegrationTest extends IntegrationContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    ProfileService profiles;
    @Autowired
    EndorsementService endorsements;
    @Autowired
    GroupService groups;

    @Test
    void noPageToAnyViewerNamesHerHiddenConnections() {
        String surname = "Pagescan" + System.nanoTime();
        Member her = members.create("Her", surname);
        Member x1 = members.create("Hiddenone", surname);
        Member x2 = members.create("Hiddentwo", surname);
        Member f = members.create("First", surname);
        Member s = members.create("Second", surname);
        Member t = members.create("Third", surname);
        Member z = members.create("Stranger", surname);
        connect(her, x1);
        connect(her, x2);
        connect(f, her);
        connect(s, f);
        connect(t, s);
        // Her endorsement of x1 would say she is x1's connection (only connections endorse).
        String skill = "Falconry " + surname;
        profiles.update(x1.id(), new ProfileChanges(null, null, null, null, null, null, null, null, List.of(skill),
                null, Map.of()));
        endorsements.endorse(her.id(), x1.id(), skill);
        connectionsVisibility(her, ConnectionsVisibility.ONLY_ME);
        // A group with x1 and the viewers but not her: her name there could only come from a mutual count.
        long group = groups.create(x1.id(), new GroupChanges("Scan club " + surname, "About", "Rules", "PUBLIC", true,
                false)).group().id();
        for (Member m : List.of(f, s, t, z)) {
            groups.join(m.id(), group);
        }

        String herName = her.firstName() + " " + surname;
        List<String> hiddenNames = List.of(x1.firstName() + " " + surname, x2.firstName() + " " + surname);
        List<Member> everyone = List.of(her, x1, x2, f, s, t, z);
        long from = everyone.stream().mapToLong(Member::id).min().orElseThrow() - 2;
        long to = everyone.stream().mapToLong(Member::id).max().orElseThrow() + 2;
        int pages = 0;
        for (Member viewer : List.of(f, s, t, z)) {
            for (long id = from; id <= to; id++) {
                if (id == viewer.id()) {
                    continue;
                }
                for (String path : List.of("/members/" + id, "/members/" + id + "/connections",
                        "/members/" + id + "/mutual", "/members/" + id + "/followers", "/members/" + id + "/following")) {
                    MockHttpServletResponse r = get(viewer, path);
                    assertThat(r.getStatus()).as("%s as %s", path, viewer.firstName()).isLessThan(500);
                    if (r.getStatus() != 200) {
                        continue;
                    }
                    pages++;
                    String text = text(r);
                    if (id == x1.id() || id == x2.id()) {
                        assertThat(text).as("%s as %s names her", path, viewer.firstName()).doesNotContain(herName);
                    }
                    if (id == her.id()) {
                        for (String x : hiddenNames) {
                            assertThat(text).as("%s as %s names a hidden connection", path, viewer.firstName())
                                    .doesNotContain(x);
                        }
                    }
                }
            }
            for (Member x : List.of(x1, x2)) {
                MockHttpServletResponse found = get(viewer, "/search?q=" + x.firstName());
                assertThat(found.getStatus()).isEqualTo(200);
                assertThat(text(found)).as("search for %s as %s", x.firstName(), viewer.firstName())
                        .contains(x.firstName()).doesNotContain(herName);
            }
            MockHttpServletResponse groupMembers = get(viewer, "/groups/" + group + "/members");
            assertThat(groupMembers.getStatus()).isEqualTo(200);
            assertThat(text(groupMembers)).as("group members as %s", viewer.firstName())
                    .contains(x1.firstName()).doesNotContain(herName);
        }
        assertThat(pages).as("pages read").isGreaterThan(40);

        // The check can fail: her own connection list, to herself, names both.
        String own = text(get(her, "/members/" + her.id() + "/connections"));
        assertThat(own).contains(hiddenNames.get(0)).contains(hiddenNames.get(1));
        // And x1's profile, to x1, shows her endorsement.
        assertThat(text(get(x1, "/members/" + x1.id()))).contains(herName);
    }

    private MockHttpServletResponse get(Member as, String path) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(MockMvcRequestBuilders.get(path).with(authentication(
                    UsernamePasswordAuthenticationToken.authenticated(principal, null,
                            List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf()))
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
