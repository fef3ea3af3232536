package org.rapport.server.account;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/** Which ways of signing in this server offers, from its settings (issue 16). */
@Component
public class SignInMethods {

    private final SignInOptions options;
    private final boolean passwords;

    SignInMethods(AccountProperties accounts, LdapProperties ldap,
                  ObjectProvider<ClientRegistrationRepository> registrations) {
        List<SignInOptions.Provider> providers = new ArrayList<>();
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository instanceof Iterable<?> all) {
            for (Object o : all) {
                ClientRegistration r = (ClientRegistration) o;
                providers.add(new SignInOptions.Provider(r.getRegistrationId(),
                        r.getClientName() == null || r.getClientName().equals(r.getRegistrationId())
                                ? r.getRegistrationId() : r.getClientName()));
            }
        }
        this.passwords = accounts.passwordSignIn();
        this.options = new SignInOptions(passwords, ldap.enabled() ? ldap.displayName() : null, List.copyOf(providers));
    }

    public SignInOptions options() {
        return options;
    }

    /** Whether Rapport's own passwords are on. */
    public boolean passwords() {
        return passwords;
    }

    /** Whether any OpenID Connect provider is configured. */
    public boolean anyProvider() {
        return !options.providers().isEmpty();
    }
}
