package org.rapport.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.privacy.PrivacyProperties;
import org.rapport.server.system.PageRequest;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15, attack 1d: an address upload is no reverse look-up of members who refused to be found
 * by their address, and one uploader's matches are bounded per day.
 */
abstract class ContactPrivacyContract extends IntegrationContract {

    @Autowired
    ContactService contacts;
    @Autowired
    PrivacyProperties limits;

    private static byte[] lines(List<String> addresses) {
        return (String.join("\n", addresses) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private List<Long> matched(Member uploader) {
        return contacts.contacts(uploader.id(), true, PageRequest.first(100)).items().stream()
                .map(c -> c.member().member().id()).toList();
    }

    @Test
    void aMemberWhoRefusedIsNeverMatchedByTheirAddressAndStaysAnAddressToInvite() {
        Member her = members.create("Refusing", "Her");
        Member open = members.create("Open", "Him");
        contacts.updateSettings(her.id(), false, null);
        Member attacker = members.create("Guesser");
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            guesses.add("guess" + i + "." + System.nanoTime() + "@example.org");
        }
        guesses.add(her.email());
        guesses.add(open.email());

        ContactService.ImportView done = contacts.importNow(attacker.id(), "list.txt", lines(guesses));

        assertThat(done.row().matched()).isEqualTo(1);
        assertThat(matched(attacker)).containsExactly(open.id());
        var addresses = contacts.contacts(attacker.id(), false, PageRequest.first(100)).items();
        assertThat(addresses).extracting(ContactService.Contact::email).contains(her.email());
        assertThat(addresses).allSatisfy(c -> assertThat(c.member()).isNull());
    }

    @Test
    void refusingLaterUnmatchesUploadsThatFoundMeByMyAddress() {
        Member her = members.create("Later", "Her");
        Member uploader = members.create("Earlier", "Uploader");
        contacts.importNow(uploader.id(), "list.txt", lines(List.of(her.email())));
        assertThat(matched(uploader)).containsExactly(her.id());

        contacts.updateSettings(her.id(), false, null);

        assertThat(matched(uploader)).isEmpty();
        assertThat(contacts.contacts(uploader.id(), false, PageRequest.first(10)).items())
                .extracting(ContactService.Contact::email).containsExactly(her.email());
    }

    @Test
    void anUploaderMatchesAtMostTheDailyNumberOfMembersAndTheRestStayAddresses() {
        Member uploader = members.create("Bulk", "Uploader");
        List<Member> found = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            found.add(members.create("Findable" + i));
        }
        // Earlier today this uploader's imports matched all but two of the day's allowance.
        jdbc.sql("""
                        INSERT INTO contact_imports (member_id, format, file_name, status, matched, created_at, finished_at)
                        VALUES (:m, 'EMAIL_LIST', 'earlier.txt', 'DONE', :n, :t, :t)""")
                .param("m", uploader.id()).param("n", limits.contactMatchesPerDay() - 2)
                .param("t", clock.instant().minus(Duration.ofHours(3)).toEpochMilli()).update();

        ContactService.ImportView done = contacts.importNow(uploader.id(), "list.txt",
                lines(found.stream().map(Member::email).toList()));

        assertThat(done.row().matched()).isEqualTo(2);
        assertThat(matched(uploader)).hasSize(2);
        assertThat(done.row().report()).contains("\"matchesWithheld\":1");
        assertThat(contacts.contacts(uploader.id(), false, PageRequest.first(10)).total()).isEqualTo(1);

        // A day later the allowance is back.
        clock.advance(Duration.ofHours(22));
        Member another = members.create("Tomorrow");
        assertThat(contacts.importNow(uploader.id(), "more.txt", lines(List.of(another.email()))).row().matched())
                .isEqualTo(1);
    }

    @Autowired
    ExportService exports;
    @Autowired
    org.rapport.server.member.ProfileService profiles;

    @Test
    void connectionsCsvNeutralisesEveryCellASpreadsheetWouldRun() throws Exception {
        Member me = members.create("Exporter");
        Member evil = members.create("=HYPERLINK(\"http://evil.example\",\"click\")", "+SUM(1,2)");
        profiles.update(evil.id(), new org.rapport.server.member.ProfileChanges(null, null, null, null, null, null,
                List.of(new org.rapport.server.member.Position("-2+3 Corp", "@Chief", 2020, null)),
                null, null, null, null));
        Member tabbed = members.create("\tTab", "\rReturn");
        connect(me, evil);
        connect(me, tabbed);

        String csv = exports.connectionsCsv(me.id());
        String body = csv.substring(csv.indexOf("First Name"));
        var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(body)).getRecords();

        assertThat(records).hasSize(2);
        for (var r : records) {
            for (String cell : r.values()) {
                assertThat(cell).as("cell %s", cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
        }
        var byFirst = new java.util.HashMap<String, org.apache.commons.csv.CSVRecord>();
        records.forEach(r -> byFirst.put(r.get("First Name"), r));
        var e = byFirst.get("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(e).as("the name kept, as text").isNotNull();
        assertThat(e.get("Last Name")).isEqualTo("'+SUM(1,2)");
        assertThat(e.get("Company")).isEqualTo("'-2+3 Corp");
        assertThat(e.get("Position")).isEqualTo("'@Chief");
        var t = byFirst.get("'\tTab");
        assertThat(t).isNotNull();
        assertThat(t.get("Last Name")).isEqualTo("'\rReturn");
    }
}
