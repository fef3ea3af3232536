package org.rapport.server.support;

import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real OpenID Connect provider for the test JVM (mock-oauth2-server on a free port: discovery,
 * JWKS, authorization and token endpoints, signed ID tokens), started on first use. The
 * application is configured with it as provider {@value #ID} ("Corp Identity"), found through
 * the issuer's discovery document at start-up as in production. The authorization endpoint signs
 * the next person in without a form; {@link #nextSignIn} says who that is.
 */
public final class TestIdentityProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ID = "corp";
    public static final String NAME = "Corp Identity";
    static final String CLIENT_ID = "rapport-test";

    private static MockOAuth2Server server;

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        }
        return server;
    }

    /** The next sign-in at the provider is this person, with these claims. */
    public static void nextSignIn(String subject, String email, boolean emailVerified, String givenName,
                                  String familyName) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", emailVerified, "given_name", givenName,
                        "family_name", familyName, "name", givenName + " " + familyName), 3600));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String prefix = "spring.security.oauth2.client.";
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-identity-provider", Map.of(
                prefix + "registration." + ID + ".client-id", CLIENT_ID,
                prefix + "registration." + ID + ".client-secret", "test-secret",
                prefix + "registration." + ID + ".client-name", NAME,
                prefix + "registration." + ID + ".scope", "openid,email,profile",
                prefix + "provider." + ID + ".issuer-uri", server().issuerUrl(ID).toString())));
    }
}
