package org.rapport.server.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Profile photos (issue 18) through the API and the pages: upload, refusals, serving, privacy, removal. */
@SqliteSpringTest
class PhotoIntegrationTest extends ApiIntegrationContract {

    @Autowired
    BlockService blocks;
    @Autowired
    MemberRepository memberRepository;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private Response upload(Caller as, byte[] file, String declaredType) {
        var request = MockMvcRequestBuilders.multipart(HttpMethod.PUT, API + "/me/photo")
                .file(new MockMultipartFile("photo", "photo.jpg", declaredType, file));
        request.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
        return perform(request);
    }

    private Response photo(Caller as, long member, String query) {
        var request = MockMvcRequestBuilders.get(API + "/members/" + member + "/photo" + query)
                .accept(MediaType.IMAGE_JPEG, MediaType.APPLICATION_PROBLEM_JSON);
        if (as != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
        }
        return perform(request);
    }

    private byte[] photoBytes(Caller as, long member, String query) {
        var request = MockMvcRequestBuilders.get(API + "/members/" + member + "/photo" + query)
                .accept(MediaType.IMAGE_JPEG).header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
        try {
            var response = mvc.perform(request).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            return response.getContentAsByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String photoUrlOf(Caller as) {
        JsonUrl url = new JsonUrl(get(as, "/me").expect(200).body().path("photoUrl"));
        return url.value();
    }

    private record JsonUrl(tools.jackson.databind.JsonNode node) {
        String value() {
            return node.isNull() || node.isMissingNode() ? null : node.asString();
        }
    }

    @Test
    void anUploadedPhotoIsServedAsAJpegWithCacheHeaders() {
        Caller ada = caller("Ada", "Photo");
        assertThat(photoUrlOf(ada)).isNull();

        Response up = upload(ada, TestImages.jpegWithExif(800, 600, 1), "image/jpeg").expect(200);
        String fingerprint = up.text("fingerprint");
        assertThat(up.text("photoUrl")).isEqualTo("/api/v1/members/" + ada.id() + "/photo?v=" + fingerprint);
        assertThat(up.body().path("size").asInt()).isEqualTo(400);
        assertThat(photoUrlOf(ada)).isEqualTo(up.text("photoUrl"));

        Response large = photo(ada, ada.id(), "?v=" + fingerprint).expect(200);
        assertThat(large.contentType()).isEqualTo("image/jpeg");
        assertThat(large.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(large.header("Cache-Control")).contains("max-age=31536000").contains("private").contains("immutable");
        assertThat(large.header("ETag")).isEqualTo("\"" + fingerprint + "-l\"");
        byte[] stored = photoBytes(ada, ada.id(), "?v=" + fingerprint);
        assertThat(TestImages.decode(stored).getWidth()).isEqualTo(400);
        assertThat(TestImages.contains(stored, TestImages.SECRET.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(TestImages.decode(photoBytes(ada, ada.id(), "?size=small")).getWidth()).isEqualTo(96);

        // Without the fingerprint (or with an old one) the browser asks again, and hears 304 while it is the same.
        Response unversioned = photo(ada, ada.id(), "");
        assertThat(unversioned.header("Cache-Control")).contains("no-cache").doesNotContain("max-age=31536000");
        var again = MockMvcRequestBuilders.get(API + "/members/" + ada.id() + "/photo")
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + fingerprint + "-l\"")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ada.token());
        assertThat(perform(again).status()).isEqualTo(304);

        photo(ada, ada.id(), "?size=huge").expectProblem(400);
    }

    /** Through Tomcat itself, not MockMvc: a multipart body with PUT is parsed, and the image comes back. */
    @Test
    void aPutOverRealHttpStoresThePhoto() throws Exception {
        Caller lou = caller("Lou", "Http");
        String boundary = "rapport" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(TestImages.jpeg(320, 240));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var http = java.net.http.HttpClient.newHttpClient();
        var put = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + API + "/me/photo"))
                .header("Authorization", "Bearer " + lou.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String url = json.readTree(put.body()).path("photoUrl").asString();
        var image = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + url))
                .header("Authorization", "Bearer " + lou.token()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(image.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000").contains("private");
        assertThat(TestImages.decode(image.body()).getWidth()).isEqualTo(240);
    }

    @Test
    void refusedUploadsStoreNothing() {
        Caller bo = caller("Bo", "Refused");
        byte[] html = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);

        assertThat(upload(bo, html, "image/jpeg").expectProblem(415).problemType()).endsWith("/photo-unsupported-type");
        assertThat(upload(bo, TestImages.pngClaiming(60_000, 60_000), "image/png").expectProblem(413).problemType())
                .endsWith("/photo-too-many-pixels");
        assertThat(upload(bo, java.util.Arrays.copyOf(TestImages.jpeg(200, 200), 8), "image/jpeg")
                .expectProblem(400).problemType()).endsWith("/photo-unreadable");
        assertThat(upload(bo, new byte[6 * 1024 * 1024], "image/jpeg").expectProblem(413).problemType())
                .endsWith("/photo-too-large");
        var none = MockMvcRequestBuilders.multipart(HttpMethod.PUT, API + "/me/photo")
                .file(new MockMultipartFile("other", "x.txt", "text/plain", new byte[] {1}));
        none.header(HttpHeaders.AUTHORIZATION, "Bearer " + bo.token()).accept(MediaType.APPLICATION_PROBLEM_JSON);
        perform(none).expectProblem(400).expectFieldErrors("photo");

        assertThat(photoUrlOf(bo)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM member_photos WHERE member_id = :m").param("m", bo.id())
                .query(Long.class).single()).isZero();
        photo(bo, bo.id(), "").expectProblem(404);
    }

    @Test
    void aNewPhotoReplacesTheOldAndRemovingItBringsBackInitials() {
        Caller cy = caller("Cy", "Replace");
        String first = upload(cy, TestImages.png(500, 500), "image/png").expect(200).text("fingerprint");
        String second = upload(cy, TestImages.jpeg(300, 500), "image/jpeg").expect(200).text("fingerprint");
        assertThat(second).isNotEqualTo(first);
        assertThat(photo(cy, cy.id(), "?v=" + first).header("Cache-Control")).contains("no-cache");

        delete(cy, "/me/photo").expect(204);
        delete(cy, "/me/photo").expect(204);
        assertThat(photoUrlOf(cy)).isNull();
        photo(cy, cy.id(), "").expectProblem(404);
        assertThat(jdbc.sql("SELECT count(*) FROM member_photos WHERE member_id = :m").param("m", cy.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void whoSeesAPhotoIsWhoSeesTheFullProfile() {
        Caller owner = caller("Dana", "Privphotoowner");
        Caller friend = caller("Eli", "Friend");
        Caller second = caller("Fay", "Second");
        Caller stranger = caller("Gus", "Stranger");
        Caller blocked = caller("Hal", "Blocked");
        connect(owner, friend);
        connect(friend, second);
        upload(owner, TestImages.png(300, 300), "image/png").expect(200);

        for (Caller c : List.of(owner, friend, second, stranger, blocked)) {
            photo(c, owner.id(), "").expect(200);
        }
        photo(null, owner.id(), "").expectProblem(401);

        blocks.block(owner.id(), blocked.id());
        photo(blocked, owner.id(), "").expectProblem(404);

        privacy.update(owner.id(), new PrivacyChanges(null, null, null, null, null, "NETWORK", null, null, null, null));
        photo(friend, owner.id(), "").expect(200);
        photo(second, owner.id(), "").expect(200);
        photo(stranger, owner.id(), "").expectProblem(404);
        // Lists follow the same rule: the stranger's card has no photo address, the friend's has.
        String name = owner.member().lastName();
        assertThat(get(stranger, "/members?q=" + name).expect(200).body().path("items").get(0).path("photoUrl").isNull())
                .isTrue();
        assertThat(get(friend, "/members?q=" + name).expect(200).body().path("items").get(0).path("photoUrl").asString())
                .startsWith("/api/v1/members/" + owner.id() + "/photo?v=");
        assertThat(get(stranger, "/members/" + owner.id()).expect(200).body().path("photoUrl").isNull()).isTrue();
        assertThat(get(friend, "/members/" + owner.id()).expect(200).body().path("photoUrl").isNull()).isFalse();

        jdbc.sql("UPDATE members SET suspended_until = :t WHERE id = :m")
                .param("t", clock.millis() + 86_400_000L).param("m", owner.id()).update();
        try {
            photo(friend, owner.id(), "").expectProblem(404);
        } finally {
            jdbc.sql("UPDATE members SET suspended_until = NULL WHERE id = :m").param("m", owner.id()).update();
        }
    }

    @Test
    void theExportCarriesThePhoto() {
        Caller ivy = caller("Ivy", "Export");
        assertThat(get(ivy, "/me/export").expect(200).body().path("profile").path("photo").isNull()).isTrue();
        String fingerprint = upload(ivy, TestImages.png(200, 200), "image/png").expect(200).text("fingerprint");

        var photo = get(ivy, "/me/export").expect(200).body().path("profile").path("photo");
        assertThat(photo.path("fingerprint").asString()).isEqualTo(fingerprint);
        assertThat(photo.path("contentType").asString()).isEqualTo("image/jpeg");
        byte[] jpeg = java.util.Base64.getDecoder().decode(photo.path("base64").asString());
        assertThat(TestImages.decode(jpeg).getWidth()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------
    // Pages.

    private MockHttpServletResponse page(Member as, AbstractMockHttpServletRequestBuilder<?> request) {
        return pageResult(as, request).getResponse();
    }

    private org.springframework.test.web.servlet.MvcResult pageResult(Member as,
                                                                     AbstractMockHttpServletRequestBuilder<?> request) {
        var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
        try {
            return mvc.perform(request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))))).with(csrf()))
                    .andReturn();
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
    void theEditPageUploadsAPhotoThatEveryAvatarThenShows() {
        Member jo = members.create("Jo", "Pages");
        Member kit = members.create("Kit", "Viewer");
        connect(jo, kit);

        var bad = pageResult(jo, MockMvcRequestBuilders.multipart("/profile/photo")
                .file(new MockMultipartFile("photo", "p.gif", "image/gif", "GIF89a....".getBytes(StandardCharsets.UTF_8))));
        assertThat(bad.getResponse().getRedirectedUrl()).isEqualTo("/profile/edit");
        assertThat(String.valueOf(bad.getFlashMap().get("photoError"))).contains("JPEG or PNG");
        assertThat(jdbc.sql("SELECT photo FROM members WHERE id = :m").param("m", jo.id()).query(String.class)
                .optional()).isEmpty();
        String edit = text(page(jo, MockMvcRequestBuilders.get("/profile/edit").flashAttr("photoError", "Upload a JPEG or PNG photo")));
        assertThat(edit).contains("Your photo was not saved.").contains("Upload a JPEG or PNG photo")
                .contains("class=\"avatar lg h");

        var good = page(jo, MockMvcRequestBuilders.multipart("/profile/photo")
                .file(new MockMultipartFile("photo", "me.png", "image/png", TestImages.png(640, 480))));
        assertThat(good.getRedirectedUrl()).isEqualTo("/profile/edit");
        String fingerprint = jdbc.sql("SELECT photo FROM members WHERE id = :m").param("m", jo.id())
                .query(String.class).single();

        String src = "/members/" + jo.id() + "/photo?size=large&amp;v=" + fingerprint;
        String profile = text(page(kit, MockMvcRequestBuilders.get("/members/" + jo.id())));
        assertThat(profile).contains("<img class=\"avatar xl\" src=\"" + src + "\"")
                .contains("alt=\"Photo of Jo Pages\"").contains("width=\"128\" height=\"128\"");
        String myNetwork = text(page(kit, MockMvcRequestBuilders.get("/connections")));
        assertThat(myNetwork).contains("/members/" + jo.id() + "/photo?size=small&amp;v=" + fingerprint);
        String own = text(page(jo, MockMvcRequestBuilders.get("/")));
        assertThat(own).contains("<img class=\"avatar sm\" src=\"/members/" + jo.id() + "/photo?size=small");

        var image = page(kit, MockMvcRequestBuilders.get("/members/" + jo.id() + "/photo?size=small&v=" + fingerprint));
        assertThat(image.getStatus()).isEqualTo(200);
        assertThat(image.getContentType()).isEqualTo("image/jpeg");
        assertThat(image.getHeader("Cache-Control")).contains("max-age=31536000");

        var removed = page(jo, MockMvcRequestBuilders.post("/profile/photo/delete"));
        assertThat(removed.getRedirectedUrl()).isEqualTo("/profile/edit");
        assertThat(text(page(kit, MockMvcRequestBuilders.get("/members/" + jo.id())))).doesNotContain("/photo?");
        assertThat(page(kit, MockMvcRequestBuilders.get("/members/" + jo.id() + "/photo")).getStatus()).isEqualTo(404);
    }
}
