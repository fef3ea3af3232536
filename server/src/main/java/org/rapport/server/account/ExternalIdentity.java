package org.rapport.server.account;

/**
 * Who an identity provider (OpenID Connect) or directory (LDAP) says signed in.
 *
 * @param provider      the configured provider's id ({@code spring.security.oauth2.client.registration.<id>},
 *                      or {@code ldap})
 * @param subject       the provider's stable id of the person ({@code sub}, or the entry's DN)
 * @param email         the address the provider gives (may be null)
 * @param emailVerified whether the provider vouches for the address ({@code email_verified}, or
 *                      {@code rapport.ldap.trust-emails} for the directory)
 * @param firstName     the given name (may be empty)
 * @param lastName      the family name (may be empty)
 */
public record ExternalIdentity(String provider, String subject, String email, boolean emailVerified,
                               String firstName, String lastName) {

    public ExternalIdentity {
        if (provider == null || provider.isBlank() || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an external identity needs a provider and a subject");
        }
        firstName = firstName == null ? "" : firstName.strip();
        lastName = lastName == null ? "" : lastName.strip();
    }
}
