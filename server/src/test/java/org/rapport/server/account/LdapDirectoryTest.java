package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.TestDirectory;

/**
 * {@link LdapDirectory} against the real in-memory directory, without Spring: both ways of finding
 * the entry (DN pattern, search filter), and what must never sign anyone in.
 */
class LdapDirectoryTest {

    private static LdapDirectory directory(String dnPattern, String filter, boolean trust) {
        return new LdapDirectory(new LdapProperties("ldap://127.0.0.1:" + TestDirectory.server().getListenPort(),
                dnPattern, filter.isEmpty() ? "" : TestDirectory.PEOPLE, filter, "", "", "mail", "givenName", "sn",
                trust, "Directory"));
    }

    @Test
    void aDnPatternFindsTheEntryAndTheRightPasswordBinds() {
        String uid = "pat" + System.nanoTime();
        TestDirectory.addPerson(uid, uid + "@example.org", "Pat", "Pattern", "pattern secret");
        LdapDirectory ldap = directory("uid={0}," + TestDirectory.PEOPLE, "", false);
        var person = ldap.authenticate(uid, "pattern secret").orElseThrow();
        assertThat(person.provider()).isEqualTo("ldap");
        assertThat(person.subject()).isEqualTo("uid=" + uid + ",ou=people,dc=example,dc=org");
        assertThat(person.email()).isEqualTo(uid + "@example.org");
        assertThat(person.firstName()).isEqualTo("Pat");
        assertThat(person.lastName()).isEqualTo("Pattern");
        assertThat(person.emailVerified()).as("trust-emails is off").isFalse();
        assertThat(ldap.authenticate(uid, "wrong")).isEmpty();
        assertThat(ldap.authenticate(uid, "")).as("no anonymous bind").isEmpty();
        assertThat(ldap.authenticate("nobody" + System.nanoTime(), "pattern secret")).isEmpty();
    }

    @Test
    void aSearchFilterTakesTheUserNameOrTheAddressButNoFilterSyntax() {
        String uid = "sam" + System.nanoTime();
        TestDirectory.addPerson(uid, uid + "@example.org", "Sam", "Search", "search secret");
        LdapDirectory ldap = directory("", "(|(uid={0})(mail={0}))", true);
        assertThat(ldap.authenticate(uid, "search secret")).isPresent();
        assertThat(ldap.authenticate(uid + "@example.org", "search secret").orElseThrow().emailVerified()).isTrue();
        // A login that is filter syntax is escaped, so it matches no entry rather than every one.
        assertThat(ldap.authenticate("*", "search secret")).isEmpty();
        assertThat(ldap.authenticate(uid + ")(uid=*", "search secret")).isEmpty();
    }

    @Test
    void anUnreachableDirectorySignsNobodyIn() {
        LdapDirectory ldap = new LdapDirectory(new LdapProperties("ldap://127.0.0.1:1", "uid={0},ou=people,dc=x",
                "", "", "", "", "mail", "givenName", "sn", true, "Directory"));
        assertThat(ldap.authenticate("anyone", "any password")).isEmpty();
    }

    @Test
    void withoutAUrlTheDirectoryIsOff() {
        LdapDirectory ldap = new LdapDirectory(new LdapProperties("", "", "", "", "", "", "mail", "givenName", "sn",
                false, "Directory"));
        assertThat(ldap.enabled()).isFalse();
        assertThat(ldap.authenticate("anyone", "any password")).isEmpty();
    }
}
