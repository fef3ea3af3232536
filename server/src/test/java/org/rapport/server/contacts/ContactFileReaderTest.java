package org.rapport.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every format the reader accepts, from sample files written in each provider's shape, ugly ones included. */
class ContactFileReaderTest {

    private static ContactFileReader.Result read(String name) {
        return ContactFileReader.read(name, bytes(name), n -> { });
    }

    static byte[] bytes(String name) {
        try (InputStream in = ContactFileReaderTest.class.getResourceAsStream("/contacts/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void googleCsvWithSeveralAddressesInOneCellAndDuplicates() {
        var r = read("google.csv");
        assertThat(r.format()).isEqualTo(ContactFormat.GOOGLE_CSV);
        assertThat(r.contacts()).hasSize(2);
        RawContact ada = r.contacts().get(0);
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.emails()).containsExactly("ada@example.org", "ada.l@work.example");
        assertThat(ada.line()).isEqualTo(2);
        assertThat(r.contacts().get(1).name()).isEqualTo("Babbage, Charles");
        assertThat(r.skipped()).containsExactly(
                new ContactFileReader.Skipped(4, "no e-mail address or profile to match"),
                new ContactFileReader.Skipped(5, "no valid e-mail address"));
    }

    @Test
    void outlookCsvWithAByteOrderMarkAndSemicolons() {
        var r = read("outlook-semicolon-bom.csv");
        assertThat(r.format()).isEqualTo(ContactFormat.OUTLOOK_CSV);
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("Grace Brewster Hopper", "Alan Turing");
        assertThat(r.contacts().get(1).emails()).containsExactly("alan@bletchley.example", "alan.t@manchester.example");
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void linkedInConnectionsWithTheNotesPreambleMatchByProfileWhenTheAddressIsMissing() {
        var r = read("linkedin-connections.csv");
        assertThat(r.format()).isEqualTo(ContactFormat.LINKEDIN_CSV);
        assertThat(r.contacts()).hasSize(2);
        assertThat(r.contacts().get(0).handles()).containsExactly("linkedin:linustorvalds");
        assertThat(r.contacts().get(0).emails()).isEmpty();
        assertThat(r.contacts().get(0).line()).isEqualTo(5);
        assertThat(r.contacts().get(1).emails()).containsExactly("margaret@example.org");
    }

    @Test
    void vCardsThreeFourAndTwoOneWithFoldedAndQuotedPrintableLines() {
        var r = read("contacts.vcf");
        assertThat(r.format()).isEqualTo(ContactFormat.VCARD);
        assertThat(r.contacts()).extracting(RawContact::name)
                .containsExactly("Katherine Johnson", "Dorothy Vaughan", "Maryé Jackson");
        assertThat(r.contacts().get(0).emails()).containsExactly("katherine@nasa.example");
        assertThat(r.contacts().get(0).handles()).containsExactly("github:kjohnson");
        assertThat(r.contacts().get(1).emails()).containsExactly("dorothy@nasa.example");
        assertThat(r.skipped()).containsExactly(new ContactFileReader.Skipped(19, "no e-mail address or profile to match"));
    }

    @Test
    void facebookFriendsNamesWithTheirExportsMojibakeRepaired() {
        var r = read("facebook-friends.json");
        assertThat(r.format()).isEqualTo(ContactFormat.FACEBOOK_JSON);
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("Renée Dupont", "Sam Smith");
        assertThat(r.skipped()).hasSize(1);
    }

    @Test
    void xArchiveFollowingKeepsScreenNamesOrAccountIds() {
        var r = read("x-following.js");
        assertThat(r.format()).isEqualTo(ContactFormat.X_ARCHIVE);
        assertThat(r.contacts()).extracting(c -> c.handles().get(0)).containsExactly("x-id:783214", "x:jack");
    }

    @Test
    void mastodonFollowingCsv() {
        var r = read("mastodon-following.csv");
        assertThat(r.format()).isEqualTo(ContactFormat.MASTODON_CSV);
        assertThat(r.contacts()).extracting(c -> c.handles().get(0))
                .containsExactly("mastodon:gargron@mastodon.social", "mastodon:ada@fosstodon.example");
        assertThat(r.skipped()).containsExactly(new ContactFileReader.Skipped(4, "no e-mail address or profile to match"));
    }

    @Test
    void plainListsOfAddressesInAnyPunctuation() {
        var r = read("addresses.txt");
        assertThat(r.format()).isEqualTo(ContactFormat.EMAIL_LIST);
        assertThat(r.contacts()).extracting(c -> c.emails().get(0)).containsExactly(
                "ada@example.org", "charles@example.org", "grace@navy.example", "alan@bletchley.example",
                "alan@bletchley.example");
        assertThat(r.contacts().get(0).name()).isEqualTo("Ada Lovelace");
        assertThat(r.skipped()).containsExactly(new ContactFileReader.Skipped(4, "no e-mail address on this line"));
    }

    @Test
    void windows1252FilesAreReadWithTheirAccents() {
        var r = read("windows-1252.csv");
        assertThat(r.contacts().get(0).name()).isEqualTo("José García");
    }

    @Test
    void unreadableFilesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> read("broken.json")).isInstanceOf(ContactFileException.class)
                .hasMessageContaining("broken");
        assertThatThrownBy(() -> read("unclosed.vcf"))
                .isInstanceOfSatisfying(ContactFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.messageFor("file")).isEqualTo("Line 1: This vCard is not closed: END:VCARD is missing.");
                });
        assertThatThrownBy(() -> ContactFileReader.read("empty.csv", new byte[0], n -> { }))
                .isInstanceOf(ContactFileException.class);
        assertThatThrownBy(() -> ContactFileReader.read("notes.txt", "just words\nand more".getBytes(), n -> { }))
                .isInstanceOfSatisfying(ContactFileException.class,
                        e -> assertThat(e.messageFor("file")).startsWith("No e-mail addresses or contacts were found"));
    }

    @Test
    void anUnclosedQuoteIsRefusedWithTheLineWhereItOpened() {
        assertThatThrownBy(() -> read("broken-quote.csv"))
                .isInstanceOfSatisfying(ContactFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.messageFor("file")).startsWith("Line 2: This CSV cannot be read");
                });
    }

    @Test
    void aBrokenRowPastLine90000IsReportedWithItsWholeLineNumber() {
        // Issue 19: the parser writes "line 90,002" and only "90" was read from it.
        StringBuilder csv = new StringBuilder("Name,E-mail Address\n");
        for (int i = 2; i <= 90_001; i++) {
            csv.append("Person ").append(i).append(",p").append(i).append("@example.org\n");
        }
        csv.append("\"Broken \"quote\" here,x@example.org\n");
        assertThatThrownBy(() -> ContactFileReader.read("big.csv", csv.toString().getBytes(), n -> { }))
                .isInstanceOfSatisfying(ContactFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(90_002);
                    assertThat(e.messageFor("file")).startsWith("Line 90002: This CSV cannot be read");
                });
    }

    @Test
    void aMegabyteVCardOfTwentyThousandFoldedLinesIsReadInUnderASecond() {
        // Issue 15: the hand-written reader re-scanned the growing line on every continuation (> 150 s).
        StringBuilder vcf = new StringBuilder("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Note\r\nEMAIL:long@example.org\r\n"
                + "NOTE:start");
        for (int i = 0; i < 20_000; i++) {
            vcf.append("\r\n ").append("continued text of a very long note, on its line number ").append(i);
        }
        vcf.append("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:After It\r\nEMAIL:after@example.org\r\n"
                + "END:VCARD\r\n");
        byte[] bytes = vcf.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        // Load ez-vcard's classes first, and count this thread's CPU time rather than the wall clock: the
        // claim is about the work the reader does (linear, not quadratic), not about how busy the machine is.
        ContactFileReader.read("warm.vcf", "BEGIN:VCARD\r\nFN:W\r\nEMAIL:w@example.org\r\nEND:VCARD\r\n"
                .getBytes(StandardCharsets.UTF_8), n -> { });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        var r = ContactFileReader.read("long.vcf", bytes, n -> { });
        Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - started);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("Long Note", "After It");
        assertThat(r.contacts()).extracting(RawContact::line).containsExactly(1, 20_007);
    }

    @Test
    void quotedPrintableValuesAreDecodedInTheCharsetTheyName() {
        byte[] latin1 = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n"
                + "EMAIL;INTERNET:juergen@example.org\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e =\r\nDupont\r\n"
                + "EMAIL:renee@example.org\r\nEND:VCARD\r\n").getBytes(StandardCharsets.US_ASCII);
        var r = ContactFileReader.read("qp.vcf", latin1, n -> { });
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("J\u00fcrgen M\u00fcller", "Ren\u00e9e Dupont");
    }

    @Test
    void rfc6350EscapesAreUndoneInsideStructuredValues() {
        byte[] vcf = ("BEGIN:VCARD\r\nVERSION:4.0\r\nN:O\\;Brien;Ada;;;\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Babbage\\, Charles\r\nEMAIL:charles@example.org\r\nEND:VCARD\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var r = ContactFileReader.read("escaped.vcf", vcf, n -> { });
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("Ada O;Brien", "Babbage, Charles");
    }

    @Test
    void anEmbeddedAgentCardBelongsToItsOwnerAndIsNoContactOfItsOwn() {
        byte[] vcf = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nEMAIL:boss@example.org\r\nAGENT:\r\n"
                + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Assistant\r\nEMAIL:assistant@example.org\r\nEND:VCARD\r\n"
                + "END:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Next\r\nEMAIL:next@example.org\r\nEND:VCARD\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var r = ContactFileReader.read("agent.vcf", vcf, n -> { });
        assertThat(r.contacts()).extracting(RawContact::name).containsExactly("Boss", "Next");
        assertThat(r.contacts().get(0).emails()).containsExactly("boss@example.org");
        assertThat(r.contacts()).extracting(RawContact::line).containsExactly(1, 12);
    }

    @Test
    void brokenVCardStructureIsRefusedWithTheLine() {
        assertThatThrownBy(() -> ContactFileReader.read("x.vcf", ("BEGIN:VCARD\nFN:A\nEMAIL:a@example.org\nEND:VCARD\n"
                + "END:VCARD\n").getBytes(StandardCharsets.UTF_8), n -> { }))
                .isInstanceOfSatisfying(ContactFileException.class,
                        e -> assertThat(e.messageFor("file")).isEqualTo("Line 5: END:VCARD without BEGIN:VCARD."));
        assertThatThrownBy(() -> ContactFileReader.read("x.vcf", ("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nnonsense here\n")
                .getBytes(StandardCharsets.UTF_8), n -> { }))
                .isInstanceOfSatisfying(ContactFileException.class, e -> assertThat(e.line()).isEqualTo(5));
        assertThatThrownBy(() -> ContactFileReader.read("x.vcf", ("BEGIN:VCARD\nFN:A\nEMAIL:a@example.org\n"
                + "BEGIN:VCARD\nEND:VCARD\nEND:VCARD\n").getBytes(StandardCharsets.UTF_8), n -> { }))
                .isInstanceOfSatisfying(ContactFileException.class, e -> assertThat(e.messageFor("file"))
                        .isEqualTo("Line 4: A vCard starts inside another one: END:VCARD is missing before this line."));
    }

    @Test
    void normalisesAddresses() {
        assertThat(ContactFileReader.normaliseEmail(" Ada <ADA@Example.ORG> ")).isEqualTo("ada@example.org");
        assertThat(ContactFileReader.normaliseEmail("mailto:x@y.io")).isEqualTo("x@y.io");
        assertThat(ContactFileReader.normaliseEmail("nope")).isNull();
        assertThat(List.of(Handles.fromUrl("https://x.com/Ada"), Handles.fromUrl("https://fosstodon.org/@Ada"),
                Handles.fromUrl("http://localhost:8080/members/42"))).containsExactly("x:ada", "mastodon:ada@fosstodon.org",
                "rapport:42");
    }
}
