package org.rapport.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/** Uploading, following an import, matches, consent and exports over the API. */
@SqliteSpringTest
class ContactApiIntegrationTest extends ApiIntegrationContract {

    @Test
    void uploadFollowTheImportAndListMatches() throws Exception {
        Caller me = caller("Api", "Uploader");
        Caller friend = caller("Friend", "Found");
        String vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Friend Found\r\nEMAIL:" + friend.member().email()
                + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:No Address\r\nEND:VCARD\r\n";
        Response accepted = upload(me, "contacts.vcf", vcf.getBytes(StandardCharsets.UTF_8)).expect(202);
        String location = accepted.header("Location");
        assertThat(location).startsWith("/api/v1/contacts/imports/");

        JsonNode done = waitUntilDone(me, location.substring("/api/v1".length()));
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("format").asString()).isEqualTo("VCARD");
        assertThat(done.path("matched").asLong()).isEqualTo(1);
        assertThat(done.path("skipped").asLong()).isEqualTo(1);
        assertThat(done.path("report").path("skipped").get(0).path("line").asInt()).isEqualTo(6);
        assertThat(done.path("percent").asInt()).isEqualTo(100);

        JsonNode matches = get(me, "/contacts").expect(200).body();
        assertThat(matches.path("items").get(0).path("member").path("id").asString()).isEqualTo(friend.key());
        assertThat(matches.path("total").asLong()).isEqualTo(1);
        assertThat(get(me, "/contacts/imports").body().path("items")).hasSize(1);
        assertThat(get(friend, location.substring("/api/v1".length())).expectProblem(404).status()).isEqualTo(404);

        upload(me, "empty.csv", new byte[0]).expectFieldErrors("file");
        assertThat(perform(me, MockMvcRequestBuilders.multipart("/api/v1/contacts/imports"), null).status()).isEqualTo(400);

        JsonNode failed = waitUntilDone(me, upload(me, "broken.json", "{\"friends_v2\": [".getBytes()).expect(202)
                .header("Location").substring("/api/v1".length()));
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("report").path("error").asString()).contains("broken");

        delete(me, location.substring("/api/v1".length())).expect(204);
        assertThat(get(me, "/contacts").body().path("items")).isEmpty();
    }

    @Test
    void consentSettingsAndExports() {
        Caller me = caller("Export", "Owner");
        Caller friend = caller("Exported", "Friend");
        connect(me, friend);
        assertThat(get(friend, "/contacts/settings").body().path("shareEmailWithConnections").asBoolean()).isFalse();
        patch(friend, "/contacts/settings", Map.of("shareEmailWithConnections", true)).expect(200);

        Response csv = download(me, "/me/export/connections.csv", "text/csv").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header(HttpHeaders.CONTENT_DISPOSITION)).contains("Connections.csv");
        assertThat(csv.rawText()).contains(friend.member().email()).contains("/members/" + friend.key());
        assertThat(download(me, "/me/export/connections.vcf", "text/vcard").expect(200).rawText()).contains("FN:Exported Friend");
        // A file export asked for as JSON is refused with a 406 problem that names what it offers (issue 19).
        download(me, "/me/export/connections.csv", "application/json").expectProblem(406);
        download(me, "/me/export/connections.vcf", "application/json").expectProblem(406);
        JsonNode all = get(me, "/me/export").expect(200).body();
        assertThat(all.path("profile").path("email").asString()).isEqualTo(me.member().email());
        assertThat(all.path("connections").get(0).path("id").asString()).isEqualTo(friend.key());
        post(me, "/contacts/987654321/invite", Map.of()).expectProblem(404);
    }

    private Response download(Caller as, String path, String accept) {
        return perform(MockMvcRequestBuilders.get("/api/v1" + path).header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token())
                .header(HttpHeaders.ACCEPT, accept));
    }

    private Response upload(Caller as, String name, byte[] bytes) {
        var request = MockMvcRequestBuilders.multipart("/api/v1/contacts/imports")
                .file(new MockMultipartFile("file", name, "application/octet-stream", bytes));
        return perform(as, request, null);
    }

    private JsonNode waitUntilDone(Caller as, String path) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode body = get(as, path).expect(200).body();
            if (!body.path("status").asString().equals("PROCESSING")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish in 30 s");
    }
}
