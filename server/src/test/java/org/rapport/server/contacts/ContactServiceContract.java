package org.rapport.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.invitation.FilterReason;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.member.Member;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.privacy.PrivacyChanges;
import org.rapport.server.suggestion.Reason;
import org.rapport.server.suggestion.SuggestionService;
import org.rapport.server.system.ConflictException;
import org.rapport.server.system.PageRequest;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;

/** Contacts (E1–E6) on both databases: import, match, consent, e-mail invitations, exports that read back in. */
abstract class ContactServiceContract extends IntegrationContract {

    @Autowired
    ContactService contacts;
    @Autowired
    ExportService exports;
    @Autowired
    ProfileService profiles;
    @Autowired
    SuggestionService suggestions;
    @Autowired
    AccountService accounts;
    @Autowired
    org.rapport.server.account.EmailVerifications verifications;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAddressBookMatchesMembersByEmailAndKeepsTheRestHashedSealedAndExpiring() {
        Member me = members.create("Uploader");
        Member known = members.create("Known", "Member");
        String stranger = "stranger." + System.nanoTime() + "@example.org";
        String csv = "Name,E-mail 1 - Value\n"
                + "Known Person," + known.email().toUpperCase() + "\n"
                + "Some Stranger," + stranger + "\n"
                + "Myself," + me.email() + "\n"
                + "Nobody,\n";

        ContactService.ImportView done = contacts.importNow(me.id(), "google.csv", utf8(csv));

        assertThat(done.row().status()).isEqualTo("DONE");
        assertThat(done.row().format()).isEqualTo("GOOGLE_CSV");
        assertThat(done.row().imported()).isEqualTo(3);
        assertThat(done.row().matched()).isEqualTo(1);
        assertThat(done.row().skipped()).isEqualTo(1);
        assertThat(ImportReports.skipped(done.row().report())).containsExactly("Line 5: no e-mail address or profile to match");
        var matched = contacts.contacts(me.id(), true, PageRequest.first(10)).items();
        assertThat(matched).extracting(c -> c.member().member().id()).containsExactly(known.id());
        assertThat(matched.get(0).member().degree()).isEqualTo(Degree.OUT_OF_NETWORK);
        var others = contacts.contacts(me.id(), false, PageRequest.first(10)).items();
        assertThat(others).extracting(ContactService.Contact::email).containsExactlyInAnyOrder(stranger, me.email());
        assertThat(others).allSatisfy(c -> assertThat(c.expiresAt()).isNotNull());
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE email_hash LIKE '%@%' OR email_sealed LIKE '%@%' "
                + "OR display_name LIKE '%@%'").query(Long.class).single()).as("no address in clear").isZero();

        // The same file again adds nothing.
        ContactService.ImportView again = contacts.importNow(me.id(), "google.csv", utf8(csv));
        assertThat(again.row().imported()).isZero();
        assertThat(ImportReports.duplicates(again.row().report())).isEqualTo(3);
        assertThat(contacts.contacts(me.id(), false, PageRequest.first(10)).total()).isEqualTo(2);
    }

    @Test
    void aMalformedFileFailsWithTheLineAndLeavesNothingBehind() {
        Member me = members.create("Careful");
        long before = countContacts(me);
        ContactService.ImportView failed = contacts.importNow(me.id(), "broken.vcf",
                utf8("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEMAIL:a@example.org\r\nBEGIN:VCARD\r\n"));
        assertThat(failed.row().status()).isEqualTo("FAILED");
        assertThat(ImportReports.error(failed.row().report())).startsWith("Line 5: A vCard starts inside another one");
        assertThat(countContacts(me)).isEqualTo(before);
    }

    @Autowired
    ContactRepository contactRows;
    @Autowired
    org.rapport.server.system.Database database;

    @Test
    void anImportCutShortByAServerStopIsMarkedFailedAndKeepsNothingIfItFinishesLate() {
        Member me = members.create("Interrupted");
        // What a killed server leaves: the import's row, still processing, and none of its contacts.
        long orphan = contactRows.createImport(me.id(), "book.csv", clock.instant());

        contacts.resumeSpooledImports(); // what start-up does
        String afterStartUp = contacts.view(me.id(), orphan).row().status();
        assertThat(afterStartUp).as("SQLite has one server: an import still processing at start-up is an orphan; "
                + "on PostgreSQL another node may be running it").isEqualTo(database.isSqlite() ? "FAILED" : "PROCESSING");

        clock.advance(java.time.Duration.ofHours(2));
        contacts.abandonStaleImports();
        ContactService.ImportView view = contacts.view(me.id(), orphan);
        assertThat(view.row().status()).isEqualTo("FAILED");
        assertThat(ImportReports.error(view.row().report())).startsWith("The server stopped while this import ran");
        assertThat(contactRows.finishImport(orphan, "DONE", "GOOGLE_CSV", 1, 1, 0, 0, "{}", clock.instant()))
                .as("an import given up on cannot finish later").isFalse();
        assertThat(contacts.view(me.id(), orphan).row().status()).isEqualTo("FAILED");
        assertThat(countContacts(me)).isZero();

        // A running import is not touched by the sweep.
        long fresh = contactRows.createImport(me.id(), "other.csv", clock.instant());
        contacts.abandonStaleImports();
        assertThat(contacts.view(me.id(), fresh).row().status()).isEqualTo("PROCESSING");
        contactRows.abandonImports(clock.instant().plusSeconds(1), "{}", clock.instant());
    }

    @Test
    void handlesMatchMembersWhoListThemAndDeletingAnImportDeletesItsContacts() {
        Member me = members.create("Fediverse");
        Member ada = members.create("Ada", "Handle");
        String user = "ada" + System.nanoTime();
        profiles.update(ada.id(), new ProfileChanges(null, null, null, null, null, null, null, null, null, null,
                Map.of("mastodon", "@" + user + "@fosstodon.example")));
        ContactService.ImportView done = contacts.importNow(me.id(), "following_accounts.csv",
                utf8("Account address,Show boosts\n" + user + "@fosstodon.example,true\nsomeone@else.example,true\n"));
        assertThat(done.row().format()).isEqualTo("MASTODON_CSV");
        assertThat(contacts.contacts(me.id(), true, PageRequest.first(5)).items())
                .extracting(c -> c.member().member().id()).containsExactly(ada.id());
        assertThat(contacts.isInContacts(me.id(), ada.id())).isTrue();

        contacts.deleteImport(me.id(), done.row().id());
        assertThat(countContacts(me)).isZero();
        assertThat(contacts.isInContacts(me.id(), ada.id())).isFalse();
        assertThatThrownBy(() -> contacts.deleteImport(me.id(), done.row().id()))
                .isInstanceOf(org.rapport.server.system.NotFoundException.class);
    }

    @Test
    void contactsAreSuggestedWithTheReasonUnlessTheyOptedOut() {
        Member me = members.create("Suggested");
        Member contact = members.create("Contact", "Person");
        contacts.importNow(me.id(), "list.txt", utf8(contact.email() + "\n"));
        var list = suggestions.suggest(me.id(), 10);
        assertThat(list).extracting(s -> s.card().member().id()).containsExactly(contact.id());
        assertThat(list.get(0).reasons()).extracting(Reason::detail).containsExactly("In your contacts");

        contacts.updateSettings(contact.id(), false, null);
        assertThat(suggestions.suggest(me.id(), 10)).isEmpty();
    }

    @Test
    void onlyMyContactsMayInviteMeWhenISaySo() {
        Member me = members.create("Selective");
        Member known = members.create("Known");
        Member unknown = members.create("Unknown");
        privacy.update(me.id(), new PrivacyChanges(null, "CONTACTS", null, null, null, null, null));
        contacts.importNow(me.id(), "list.txt", utf8(known.email() + "\n"));
        assertThat(invitations.invite(known.id(), me.id(), null).invitation().filtered()).isFalse();
        assertThat(invitations.invite(unknown.id(), me.id(), null).invitation().filteredReason())
                .isEqualTo(FilterReason.NOT_IN_CONTACTS);
    }

    @Test
    void anEmailInvitationGoesOutThroughSmtpAndBecomesAnInvitationWhenTheyJoin() throws Exception {
        Member me = members.create("Inviter", "Smith");
        String address = "future." + System.nanoTime() + "@example.org";
        contacts.importNow(me.id(), "list.txt", utf8("Future Member <" + address + ">\n"));
        long contactId = contacts.contacts(me.id(), false, PageRequest.first(5)).items().get(0).id();
        long usedBefore = invitations.quota(me.id()).usedToday();

        contacts.inviteByEmail(me.id(), contactId, "Join us, it's good here");

        List<MimeMessage> mail = TestSmtp.messagesTo(address);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).isEqualTo("Inviter Smith invites you to connect on Rapport");
        assertThat(mail.get(0).getContent().toString()).contains("Join us, it's good here").contains("/signup");
        assertThat(invitations.quota(me.id()).usedToday()).as("counts in the quota").isEqualTo(usedBefore + 1);
        assertThatThrownBy(() -> contacts.inviteByEmail(me.id(), contactId, null)).isInstanceOf(ConflictException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM email_invitations WHERE email_hash LIKE '%@%'").query(Long.class)
                .single()).isZero();

        Member joined = accounts.signUp(address, "a long enough password", "Future", "Member");
        assertThat(invitations.received(joined.id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(5))
                .items()).as("nothing attaches to an address not yet verified (issue 16)").isEmpty();
        assertThat(contacts.contacts(me.id(), true, PageRequest.first(5)).items()).isEmpty();

        verifications.verify(org.rapport.server.account.EmailVerificationContract.awaitVerificationToken(address));

        var received = invitations.received(joined.id(), InvitationRepository.ReceivedView.ACTIVE, PageRequest.first(5));
        assertThat(received.items()).hasSize(1);
        assertThat(received.items().get(0).sender().member().id()).isEqualTo(me.id());
        assertThat(received.items().get(0).invitation().note()).isEqualTo("Join us, it's good here");
        assertThat(contacts.contacts(me.id(), true, PageRequest.first(5)).items())
                .extracting(c -> c.member().member().id()).containsExactly(joined.id());
    }

    @Test
    void exportsListConnectionsWithAddressesOnlyByConsentAndReadBackInToTheSameMatches() {
        Member me = members.create("Exporter");
        Member open = members.create("Open", "Book");
        Member closed = members.create("Closed", "Book");
        connect(me, open);
        connect(me, closed);
        contacts.updateSettings(open.id(), null, true);

        String csv = exports.connectionsCsv(me.id());
        assertThat(csv).startsWith("Notes:");
        assertThat(csv).contains("First Name,Last Name,URL,Email Address,Company,Position,Connected On");
        assertThat(csv).contains(open.email()).doesNotContain(closed.email());
        String vcf = exports.connectionsVcard(me.id());
        assertThat(vcf).contains("BEGIN:VCARD\r\nVERSION:4.0").contains("EMAIL:" + open.email());

        Member fresh = members.create("Fresh");
        var fromCsv = contacts.importNow(fresh.id(), "Connections.csv", utf8(csv));
        assertThat(fromCsv.row().format()).isEqualTo("LINKEDIN_CSV");
        assertThat(contacts.contacts(fresh.id(), true, PageRequest.first(10)).items())
                .extracting(c -> c.member().member().id()).containsExactlyInAnyOrder(open.id(), closed.id());
        Member other = members.create("Other");
        contacts.importNow(other.id(), "connections.vcf", utf8(vcf));
        assertThat(contacts.contacts(other.id(), true, PageRequest.first(10)).items())
                .extracting(c -> c.member().member().id()).containsExactlyInAnyOrder(open.id(), closed.id());

        Map<String, Object> everything = exports.everything(me.id());
        assertThat(everything).containsKeys("profile", "privacySettings", "connections", "invitations", "following",
                "updates", "contacts", "notifications", "messages", "groups", "groupPosts", "groupComments",
                "endorsementsReceived", "endorsementsGiven", "recommendations", "introductions");
        assertThat((List<?>) everything.get("connections")).hasSize(2);
    }

    private long countContacts(Member m) {
        return jdbc.sql("SELECT count(*) FROM contacts WHERE member_id = :m").param("m", m.id()).query(Long.class).single();
    }
}
