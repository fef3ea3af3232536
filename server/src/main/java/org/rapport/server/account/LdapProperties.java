package org.rapport.server.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password sign-in checked against an LDAP directory (issue 16), under {@code rapport.ldap}. Off
 * while {@code url} is empty. The sign-in form's first field is the directory user name (or
 * whatever {@code user-search-filter} matches, such as the address), its password is checked by
 * binding as that user.
 *
 * @param url               {@code ldap://host:389} or {@code ldaps://host:636}; empty turns LDAP off
 * @param userDnPattern     the entry of user {0}, e.g. {@code uid={0},ou=people,dc=example,dc=org};
 *                          used when {@code userSearchFilter} is empty
 * @param userSearchBase    where to search for the user's entry, e.g. {@code ou=people,dc=example,dc=org}
 * @param userSearchFilter  the filter that finds user {0}, e.g. {@code (|(uid={0})(mail={0}))}
 * @param managerDn         who searches (empty: an anonymous search)
 * @param managerPassword   the searcher's password
 * @param emailAttribute    the attribute holding the address
 * @param firstNameAttribute the attribute holding the given name
 * @param lastNameAttribute the attribute holding the family name
 * @param trustEmails       whether the directory's addresses count as verified: then a first sign-in
 *                          links an existing member with that verified address, and a new account's
 *                          address needs no verification mail
 * @param displayName       what the sign-in page calls the directory
 */
@ConfigurationProperties("rapport.ldap")
public record LdapProperties(@DefaultValue("") String url,
                             @DefaultValue("") String userDnPattern,
                             @DefaultValue("") String userSearchBase,
                             @DefaultValue("") String userSearchFilter,
                             @DefaultValue("") String managerDn,
                             @DefaultValue("") String managerPassword,
                             @DefaultValue("mail") String emailAttribute,
                             @DefaultValue("givenName") String firstNameAttribute,
                             @DefaultValue("sn") String lastNameAttribute,
                             @DefaultValue("false") boolean trustEmails,
                             @DefaultValue("your organisation's directory") String displayName) {

    public LdapProperties {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty() && userDnPattern.isBlank() && userSearchFilter.isBlank()) {
            throw new IllegalArgumentException("rapport.ldap: set user-dn-pattern or user-search-filter with url");
        }
    }

    /** Whether a directory is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }
}
