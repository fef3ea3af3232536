package org.rapport.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.SqliteTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 14: accepted uploads wait on disk, a member may have only so many waiting (429 with
 * Retry-After beyond it, nothing stored), and uploads queued when the server stopped are resumed
 * at the next start; an import whose file is gone is marked failed with a reason.
 */
@SqliteSpringTest
class UploadQueueIntegrationTest extends ApiIntegrationContract {

    @Autowired
    ContactService contacts;
    @Autowired
    UploadProperties uploads;

    private final Path spool = SqliteTestDatabase.dataDir().resolve("uploads");

    @Test
    void memberWithTheMostUploadsWaitingIsRefused429AndNothingIsStored() throws Exception {
        Caller me = caller("Queue", "Filler");
        for (int i = 0; i < uploads.perMember(); i++) {
            insertProcessing(me.id(), "waiting-" + i + ".txt");
        }
        long before = imports(me.id());
        var refused = upload(me, "one-more.txt", "a@example.org\n".getBytes(StandardCharsets.UTF_8)).expectProblem(429);
        assertThat(refused.problemType()).endsWith("/uploads-queued");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(uploads.retryAfter().toSeconds());
        assertThat(imports(me.id())).as("nothing stored").isEqualTo(before);

        Caller other = caller("Queue", "Other");
        var accepted = upload(other, "mine.txt", "b@example.org\n".getBytes(StandardCharsets.UTF_8)).expect(202);
        String id = accepted.header("Location").substring(accepted.header("Location").lastIndexOf('/') + 1);
        waitUntilFinished(Long.parseLong(id));
        assertThat(status(Long.parseLong(id))).isEqualTo("DONE");
        assertThat(Files.exists(spool.resolve(id + ".upload"))).as("spooled file removed once done").isFalse();
        jdbc.sql("UPDATE contact_imports SET status = 'FAILED' WHERE member_id = :m AND status = 'PROCESSING'")
                .param("m", me.id()).update();
    }

    @Test
    void uploadsSpooledBeforeAStopResumeAndOnesWithoutTheirFileFailWithAReason() throws Exception {
        Caller me = caller("Resume", "Uploader");
        Caller friend = caller("Resume", "Friend");
        long spooled = insertProcessing(me.id(), "book.txt");
        Files.createDirectories(spool);
        Files.writeString(spool.resolve(spooled + ".upload"), friend.member().email() + "\nstranger@example.org\n");
        long lost = insertProcessing(me.id(), "lost.txt");

        contacts.resumeSpooledImports();

        waitUntilFinished(spooled);
        assertThat(status(spooled)).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE import_id = :i").param("i", spooled)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE import_id = :i AND matched_member_id = :f")
                .param("i", spooled).param("f", friend.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(Files.exists(spool.resolve(spooled + ".upload"))).isFalse();

        assertThat(status(lost)).isEqualTo("FAILED");
        assertThat(get(me, "/contacts/imports/" + lost).expect(200).body().path("report").path("error").asString())
                .contains("Upload the file again");
    }

    private long insertProcessing(long member, String fileName) {
        return jdbc.sql("""
                        INSERT INTO contact_imports (member_id, format, file_name, status, created_at)
                        VALUES (:m, 'UNKNOWN', :f, 'PROCESSING', :now) RETURNING id""")
                .param("m", member).param("f", fileName).param("now", clock.instant().toEpochMilli())
                .query(Long.class).single();
    }

    private long imports(long member) {
        return jdbc.sql("SELECT count(*) FROM contact_imports WHERE member_id = :m").param("m", member)
                .query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM contact_imports WHERE id = :i").param("i", id).query(String.class).single();
    }

    private void waitUntilFinished(long id) throws InterruptedException {
        for (int i = 0; i < 300 && status(id).equals("PROCESSING"); i++) {
            Thread.sleep(100);
        }
        assertThat(status(id)).as("import %d finished", id).isNotEqualTo("PROCESSING");
    }

    private Response upload(Caller as, String name, byte[] bytes) {
        var request = MockMvcRequestBuilders.multipart(API + "/contacts/imports")
                .file(new MockMultipartFile("file", name, "application/octet-stream", bytes));
        return perform(as, request, null);
    }
}
