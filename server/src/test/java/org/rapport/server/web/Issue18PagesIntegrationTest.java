package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.notification.Notification;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationRepository;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 18's smaller promises, over real HTTP where the servlet container does the work
 * (compression) and through MockMvc for the pages: fingerprinted static files cached for a year,
 * pages never stored, notifications in date order, "See invitation" only while it waits, no
 * cheerful banner above a refused upload, New message finding connections by name, the guided
 * start of a first day.
 */
@SqliteSpringTest
class Issue18PagesIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    NotificationRepository notificationRepository;
    @Autowired
    NotificationService notifications;
    @Autowired
    ContactService contacts;
    @Autowired
    org.rapport.server.member.ProfileService profiles;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void pagesAndStaticFilesAreGzippedAndStaticFilesAreFingerprintedAndKeptForAYear() throws Exception {
        HttpResponse<byte[]> page = get("/signin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String html = gunzip(page.body());
        assertThat(html).contains("<meta name=\"description\" content=\"Rapport: a self-hosted professional network.");

        Matcher css = Pattern.compile("href=\"(/css/rapport-[0-9a-f]{32}\\.css)\"").matcher(html);
        assertThat(css.find()).as("a fingerprinted stylesheet link in %s", html).isTrue();
        HttpResponse<byte[]> stylesheet = get(css.group(1));
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(stylesheet.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=31536000").contains("public");
        assertThat(gunzip(stylesheet.body())).contains(".tabbar");

        Member me = members.create("Gzip", "Reader");
        String home = text(perform(me, MockMvcRequestBuilders.get("/")));
        Matcher script = Pattern.compile("src=\"(/webjars/htmx\\.org/[^\"]*-[0-9a-f]{32}\\.js)\"").matcher(home);
        assertThat(script.find()).as("a fingerprinted htmx in %s", home).isTrue();
        HttpResponse<byte[]> js = get(script.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(js.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
    }

    @Test
    void notificationsComeNewestFirstByDateAndSeeInvitationOnlyWhileItWaits() {
        Member me = members.create("Nora", "Notified");
        Member inviter = members.create("Ivo", "Inviter");
        Member follower = members.create("Fay", "Follower");
        long invitation = invitations.invite(inviter.id(), me.id(), null).invitation().id();
        // made later by id, but about something older: date order puts it below
        notificationRepository.insert(me.id(), NotificationKind.NEW_FOLLOWER, follower.id(), null, null,
                clock.instant().minus(Duration.ofDays(2)));

        List<Notification> items = notifications.list(me.id(), PageRequest.first(10)).items();
        assertThat(items).extracting(Notification::kind)
                .containsExactly(NotificationKind.INVITATION_RECEIVED, NotificationKind.NEW_FOLLOWER);
        assertThat(text(perform(me, MockMvcRequestBuilders.get("/notifications")))).contains("See invitation");

        invitations.accept(me.id(), invitation);
        String after = text(perform(me, MockMvcRequestBuilders.get("/notifications")));
        assertThat(after).contains("Ivo").doesNotContain("See invitation");
    }

    @Test
    void anUploadRefusedAtOnceShowsItsReasonAloneWithoutTheBeingReadBanner() throws Exception {
        Member me = members.create("Una", "Uploader");
        var upload = perform(me, MockMvcRequestBuilders.multipart("/contacts/imports")
                .file("file", "\u0000\u0001 not an address book".getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.getStatus()).isEqualTo(302);
        long id = contacts.imports(me.id()).get(0).id();
        for (int i = 0; i < 100 && contacts.imports(me.id()).get(0).status().equals("PROCESSING"); i++) {
            Thread.sleep(100);
        }
        assertThat(contacts.imports(me.id()).get(0).status()).isEqualTo("FAILED");
        String page = text(perform(me, MockMvcRequestBuilders.get("/contacts").flashAttr("uploaded", id)));
        assertThat(page).contains("Nothing was imported").doesNotContain("being read");
    }

    @Test
    void newMessageFindsMyConnectionsByName() {
        Member me = members.create("Mia", "Messenger");
        Member friend = members.create("Zacharias", "Friend");
        Member other = members.create("Yolanda", "Friend");
        Member stranger = members.create("Zacharias", "Stranger");
        connect(me, friend);
        connect(me, other);
        String page = text(perform(me, MockMvcRequestBuilders.get("/messages/new").param("q", "Zachar")));
        assertThat(page).contains("/messages/with/" + friend.id())
                .doesNotContain("/messages/with/" + other.id()).doesNotContain("/messages/with/" + stranger.id());
        assertThat(text(perform(me, MockMvcRequestBuilders.get("/messages")))).contains("href=\"/messages/new\"");
    }

    @Test
    void myConnectionsPageSuggestsFilterValuesFromMyConnectionsAndAcceptsAWord() {
        Member me = members.create("Lea", "Lister");
        Member friend = members.create("Kit", "Londoner");
        Member other = members.create("Olu", "Other");
        connect(me, friend);
        connect(friend, other);
        profiles.update(friend.id(), new org.rapport.server.member.ProfileChanges(null, null, null, "London, United Kingdom",
                null, null, List.of(new org.rapport.server.member.Position("Northwind Software", "Dev", 2020, null)),
                null, null, null, null));
        String page = text(perform(me, MockMvcRequestBuilders.get("/connections")));
        assertThat(page).contains("<datalist id=\"f-loc-values\"><option value=\"London, United Kingdom\">")
                .contains("<option value=\"Northwind Software\">");
        assertThat(text(perform(me, MockMvcRequestBuilders.get("/connections").param("location", "London")
                .param("company", "Northwind")))).contains("/members/" + friend.id());
        // someone else's list offers nothing of their connections' details
        assertThat(text(perform(other, MockMvcRequestBuilders.get("/members/" + friend.id() + "/connections"))))
                .doesNotContain("<datalist");
    }

    @Test
    void aNewMemberIsGuidedThroughTheirFirstDay() {
        Member me = members.create("Dana", "Dayone");
        String home = text(perform(me, MockMvcRequestBuilders.get("/")));
        assertThat(home).contains("Get started, Dana").contains("0 of 5 done")
                .contains("href=\"/profile/edit#positions\"").contains("href=\"/contacts\"").contains("href=\"/groups\"");
        for (int i = 0; i < 5; i++) {
            connect(me, members.create("Friend" + i));
        }
        assertThat(text(perform(me, MockMvcRequestBuilders.get("/")))).doesNotContain("Get started");
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> MockHttpServletResponse perform(Member as, B request) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf())).andReturn().getResponse();
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
