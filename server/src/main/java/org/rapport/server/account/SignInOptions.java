package org.rapport.server.account;

import java.util.List;

/**
 * What the sign-in and sign-up pages offer (issue 16): Rapport's own passwords, the LDAP directory
 * (through the same form), and a button per configured OpenID Connect provider.
 *
 * @param passwords  whether Rapport's own passwords are on ({@code rapport.accounts.password-sign-in})
 * @param directory  the LDAP directory's display name, or null without one
 * @param providers  the OpenID Connect providers, in configuration order
 */
public record SignInOptions(boolean passwords, String directory, List<Provider> providers) {

    /** What the pages show when nothing is configured: passwords only. */
    public static final SignInOptions PASSWORDS_ONLY = new SignInOptions(true, null, List.of());

    /** A provider's button: {@code /oauth2/authorization/{id}}. */
    public record Provider(String id, String name) {
        public String href() {
            return "/oauth2/authorization/" + id;
        }
    }

    /** Whether the e-mail and password form is shown (own passwords or the directory). */
    public boolean form() {
        return passwords || directory != null;
    }
}
