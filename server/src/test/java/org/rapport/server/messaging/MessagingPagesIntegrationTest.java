package org.rapport.server.messaging;

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

/** The messaging pages as plain forms (no JavaScript) and as htmx fragments. */
@SqliteSpringTest
class MessagingPagesIntegrationTest extends IntegrationContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    MessagingService messaging;

    private MockHttpServletResponse perform(Member as, MockHttpServletRequestBuilder request) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, java.util.List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf())).andReturn().getResponse();
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

    @Test
    void formsWorkWithoutJavaScriptAndShowMemberTextEscaped() {
        Member a = members.create("Ada", "Pages");
        Member b = members.create("Bea", "Pages");
        Member stranger = members.create("Sol", "Stranger");
        connect(a, b);

        assertThat(text(perform(a, MockMvcRequestBuilders.get("/messages")))).contains("No conversations yet");
        assertThat(text(perform(a, MockMvcRequestBuilders.get("/members/" + b.id())))).contains("/messages/with/" + b.id());
        assertThat(text(perform(stranger, MockMvcRequestBuilders.get("/members/" + b.id()))))
                .doesNotContain("/messages/with/" + b.id());
        assertThat(text(perform(a, MockMvcRequestBuilders.get("/messages/with/" + b.id())))).contains("Say hello to Bea");

        var sent = perform(a, MockMvcRequestBuilders.post("/messages/with/" + b.id()).param("text", "<b>Hi</b> Bea"));
        assertThat(sent.getStatus()).isEqualTo(302);
        String thread = sent.getRedirectedUrl();
        assertThat(thread).matches("/messages/\\d+");
        long id = Long.parseLong(thread.substring("/messages/".length()));
        assertThat(text(perform(a, MockMvcRequestBuilders.get("/messages/with/" + b.id()))))
                .as("a second Message click leads to the same conversation").isEmpty();

        String page = text(perform(b, MockMvcRequestBuilders.get("/messages")));
        assertThat(page).contains("Ada Pages").contains("&lt;b&gt;Hi&lt;/b&gt; Bea").doesNotContain("<b>Hi</b>");
        assertThat(page).contains("id=\"message-count\"").contains(">1</span>");
        String read = text(perform(b, MockMvcRequestBuilders.get(thread)));
        assertThat(read).contains("&lt;b&gt;Hi&lt;/b&gt; Bea");
        assertThat(messaging.unreadCount(b.id())).as("opening the thread reads it").isZero();

        var tooLong = perform(b, MockMvcRequestBuilders.post(thread).param("text", "y".repeat(2001)));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(text(tooLong)).contains("A message can be at most 2,000 characters; this one has 2,001.")
                .contains("y".repeat(2001));
        var reply = perform(b, MockMvcRequestBuilders.post(thread).param("text", "Hello Ada"));
        assertThat(reply.getRedirectedUrl()).isEqualTo(thread + "#compose");

        var refused = perform(stranger, MockMvcRequestBuilders.post("/messages/with/" + b.id()).param("text", "Hi"));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(text(refused)).contains("Bea accepts messages only from their connections.");
        assertThat(perform(stranger, MockMvcRequestBuilders.get(thread)).getStatus()).isEqualTo(404);
    }

    @Test
    void htmxGetsTheNewMessageOrTheReasonAsFragments() {
        Member a = members.create("Hal", "Htmx");
        Member b = members.create("Hope", "Htmx");
        connect(a, b);
        long id = messaging.start(a.id(), b.id(), "First").conversation().id();

        var ok = perform(a, MockMvcRequestBuilders.post("/messages/" + id).header("HX-Request", "true")
                .param("text", "Second <i>one</i>"));
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getHeader("HX-Trigger")).isEqualTo("message-sent");
        assertThat(text(ok)).contains("Second &lt;i&gt;one&lt;/i&gt;").contains("class=\"message mine\"")
                .doesNotContain("<html");

        var bad = perform(a, MockMvcRequestBuilders.post("/messages/" + id).header("HX-Request", "true").param("text", " "));
        assertThat(bad.getHeader("HX-Retarget")).isEqualTo("#compose-error");
        assertThat(text(bad)).contains("Write a message.");

        String since = text(perform(b, MockMvcRequestBuilders.get("/messages/" + id + "/since").param("after", "0")));
        assertThat(since).contains("First").contains("Second &lt;i&gt;one&lt;/i&gt;");
        assertThat(text(perform(b, MockMvcRequestBuilders.get("/messages/unread-count")))).isEmpty();
    }

    @Test
    void requestsAreAcceptedOrDeclinedFromTheirPageAndTheSettingIsOnTheSettingsPage() {
        Member open = members.create("Opal", "Open");
        Member asker = members.create("Ari", "Asker");
        assertThat(text(perform(open, MockMvcRequestBuilders.get("/settings")))).contains("name=\"messagesFrom\"");
        var saved = perform(open, MockMvcRequestBuilders.post("/settings/privacy").param("messagesFrom", "ANYONE")
                .param("connectionsVisibility", "CONNECTIONS"));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(privacy.settings(open.id()).messagesFrom()).isEqualTo(org.rapport.server.privacy.MessagesFrom.ANYONE);

        long id = messaging.start(asker.id(), open.id(), "May I?").conversation().id();
        assertThat(text(perform(open, MockMvcRequestBuilders.get("/messages?requests=true")))).contains("Ari Asker")
                .contains("Requests (1)");
        assertThat(text(perform(open, MockMvcRequestBuilders.get("/messages/" + id)))).contains("Accept").contains("Decline");
        assertThat(text(perform(asker, MockMvcRequestBuilders.get("/messages/" + id))))
                .contains("Your message request is waiting for Opal");
        assertThat(perform(open, MockMvcRequestBuilders.post("/messages/" + id + "/decline")).getRedirectedUrl())
                .isEqualTo("/messages?requests=true");
        assertThat(text(perform(asker, MockMvcRequestBuilders.get("/messages/" + id))))
                .contains("Opal declined your message request.");
        assertThat(perform(open, MockMvcRequestBuilders.post("/messages/" + id + "/accept")).getRedirectedUrl())
                .isEqualTo("/messages/" + id);
    }
}
