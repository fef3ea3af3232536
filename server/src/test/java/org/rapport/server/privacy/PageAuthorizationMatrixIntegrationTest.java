package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.feed.PostService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix for pages (issue 15): every page route that names a member or an
 * object, opened by each role towards a subject S (who keeps her connections to herself), answers
 * the status of its row; a page that is not 200 never shows S's name to a member hidden from her,
 * and no page shown to anyone but S names H, her hidden connection. A page route with a path
 * variable and no row (or a row whose route is gone) fails {@link #everyPageRouteNamingAThingHasARow()}.
 */
@SqliteSpringTest
class PageAuthorizationMatrixIntegrationTest extends IntegrationContract {

    enum Role { ANONYMOUS, OWNER, FIRST, SECOND, STRANGER, BLOCKED, BLOCKER }

    /** Routes opened only with a secret token from an e-mail: they name no member or object of the caller's. */
    private static final Set<String> TOKEN_ROUTES = Set.of("/password-reset/{token}", "/verify-email/{token}");

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    PostService posts;
    @Autowired
    MessagingService messaging;
    @Autowired
    GroupService groups;
    @Autowired
    ContactService contacts;
    @Autowired
    BlockService blocks;
    @Autowired
    org.rapport.server.photo.PhotoService photos;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private record Row(String route, String path, int owner, int first, int second, int stranger, int blocked,
                       int blocker) {
        int expected(Role role) {
            return switch (role) {
                case ANONYMOUS -> 302;
                case OWNER -> owner;
                case FIRST -> first;
                case SECOND -> second;
                case STRANGER -> stranger;
                case BLOCKED -> blocked;
                case BLOCKER -> blocker;
            };
        }
    }

    /** The rows, with the world's ids in the paths ({@code null}: only the routes are wanted). */
    // Followers and following follow S's connections setting (only me here). A members-only group is an
    // object, not a member: blocked members meet it as strangers do (its about page, nothing inside); the
    // leak check below holds that no page names S to them.
    private List<Row> rows(World w) {
        String sid = w == null ? "0" : Long.toString(w.s.id());
        long conversation = w == null ? 0 : w.conversation;
        long post = w == null ? 0 : w.post;
        long group = w == null ? 0 : w.group;
        long groupPost = w == null ? 0 : w.groupPost;
        long contactImport = w == null ? 0 : w.contactImport;
        return List.of(
                new Row("/members/{id}", "/members/" + sid, 200, 200, 200, 200, 404, 404),
                new Row("/members/{id}/connections", "/members/" + sid + "/connections", 200, 200, 403, 403, 404, 404),
                new Row("/members/{id}/mutual", "/members/" + sid + "/mutual", 200, 200, 200, 200, 404, 404),
                // S's photo: whoever may see her profile sees it; across a block it is not there.
                new Row("/members/{id}/photo", "/members/" + sid + "/photo", 200, 200, 200, 200, 404, 404),
                new Row("/members/{id}/followers", "/members/" + sid + "/followers", 200, 403, 403, 403, 404, 404),
                new Row("/members/{id}/following", "/members/" + sid + "/following", 200, 403, 403, 403, 404, 404),
                new Row("/members/{id}/invite", "/members/" + sid + "/invite", 302, 302, 200, 200, 404, 404),
                new Row("/messages/with/{memberId}", "/messages/with/" + sid, 400, 302, 200, 200, 404, 404),
                new Row("/messages/{id}", "/messages/" + conversation, 200, 200, 404, 404, 404, 404),
                new Row("/messages/{id}/since", "/messages/" + conversation + "/since?after=0", 200, 200, 404, 404,
                        404, 404),
                new Row("/posts/{id}", "/posts/" + post, 200, 200, 404, 404, 404, 404),
                new Row("/posts/{id}/card", "/posts/" + post + "/card", 200, 200, 404, 404, 404, 404),
                new Row("/groups/{id}", "/groups/" + group, 200, 200, 200, 200, 200, 200),
                new Row("/groups/{id}/members", "/groups/" + group + "/members", 200, 200, 403, 403, 403, 403),
                new Row("/groups/{id}/manage", "/groups/" + group + "/manage", 200, 403, 403, 403, 403, 403),
                new Row("/groups/{id}/posts/{postId}", "/groups/" + group + "/posts/" + groupPost, 200, 200, 403,
                        403, 403, 403),
                new Row("/contacts/imports/{id}/row", "/contacts/imports/" + contactImport + "/row", 200, 404, 404,
                        404, 404, 404));
    }

    private final class World {
        final Member s;
        final Member f;
        final Member t2;
        final Member x;
        final Member b;
        final Member bb;
        final Member h;
        final long conversation;
        final long post;
        final long group;
        final long groupPost;
        final long contactImport;

        World() {
            String surname = "Pagematrix" + System.nanoTime();
            s = members.create("Sasha", surname);
            f = members.create("Fern", surname);
            t2 = members.create("Tess", surname);
            x = members.create("Xan", surname);
            b = members.create("Bo", surname);
            bb = members.create("Bea", surname);
            h = members.create("Hidden", surname);
            connect(s, f);
            connect(f, t2);
            connect(s, h);
            post = posts.create(s.id(), "Sasha's update for her connections", "CONNECTIONS").id();
            conversation = messaging.start(f.id(), s.id(), "Hello Sasha").conversation().id();
            group = groups.create(s.id(), new GroupChanges("Page matrix " + surname, "Members only", "",
                    "MEMBERS_ONLY", true, false)).group().id();
            groups.join(f.id(), group);
            groups.approve(s.id(), group, f.id());
            groupPost = groups.write(f.id(), group, "Fern's post in the group").id();
            contactImport = contacts.importNow(s.id(), "addresses.txt",
                    (x.email() + "\n").getBytes(StandardCharsets.UTF_8)).row().id();
            photos.upload(s.id(), org.rapport.server.photo.TestImages.jpeg(320, 240));
            connectionsVisibility(s, ConnectionsVisibility.ONLY_ME);
            blocks.block(s.id(), b.id());
            blocks.block(bb.id(), s.id());
        }

        Member as(Role role) {
            return switch (role) {
                case ANONYMOUS -> null;
                case OWNER -> s;
                case FIRST -> f;
                case SECOND -> t2;
                case STRANGER -> x;
                case BLOCKED -> b;
                case BLOCKER -> bb;
            };
        }
    }

    @Test
    void everyPageNamingAMemberOrObjectAnswersEachRoleAsItsRowSays() {
        World w = new World();
        String sName = w.s.firstName() + " " + w.s.lastName();
        String hName = w.h.firstName() + " " + w.h.lastName();
        Map<String, Map<Role, Integer>> wrong = new LinkedHashMap<>();
        List<String> leaks = new ArrayList<>();
        for (Row row : rows(w)) {
            for (Role role : Role.values()) {
                MockHttpServletResponse r = get(w.as(role), row.path());
                int status = r.getStatus();
                if (status != row.expected(role)) {
                    wrong.computeIfAbsent(row.route(), k -> new EnumMap<>(Role.class)).put(role, status);
                }
                String text = text(r);
                if ((role == Role.BLOCKED || role == Role.BLOCKER || role == Role.ANONYMOUS) && text.contains(sName)) {
                    leaks.add(row.route() + " names S to " + role);
                }
                if (role != Role.OWNER && text.contains(hName)) {
                    leaks.add(row.route() + " names S's hidden connection to " + role);
                }
            }
        }
        assertThat(wrong).as("routes whose answers differ from their rows (role: actual status)").isEmpty();
        assertThat(leaks).isEmpty();
        // The leak check can fail: S's own connection list names H.
        assertThat(text(get(w.s, "/members/" + w.s.id() + "/connections"))).contains(hName);
    }

    @Test
    void everyPageRouteNamingAThingHasARow() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
            if (!verbs.isEmpty() && !verbs.contains(RequestMethod.GET)) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.contains("{") && !pattern.startsWith("/api/") && !pattern.startsWith("/admin")
                        && !TOKEN_ROUTES.contains(pattern)) {
                    routes.add(pattern);
                }
            }
        });
        Set<String> rows = new TreeSet<>();
        for (Row row : rows(null)) {
            rows.add(row.route());
        }
        assertThat(rows).isEqualTo(routes);
    }

    private MockHttpServletResponse get(Member as, String path) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path);
        if (as != null) {
            var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
            request = request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority("ROLE_MEMBER")))));
        }
        try {
            return mvc.perform(request).andReturn().getResponse();
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
