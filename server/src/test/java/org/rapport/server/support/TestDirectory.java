package org.rapport.server.support;

import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real LDAP directory for the test JVM (UnboundID's in-memory server on a free port of
 * 127.0.0.1), started on first use; the application binds to it over a socket as it would to an
 * organisation's directory. People live under {@value #PEOPLE}; the application finds them by
 * {@code uid} or {@code mail} and trusts their addresses ({@code rapport.ldap.trust-emails}).
 */
public final class TestDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String NAME = "Example Directory";

    private static InMemoryDirectoryServer server;

    public static synchronized InMemoryDirectoryServer server() {
        if (server == null) {
            try {
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
                config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("test", 0));
                config.setSchema(null);
                server = new InMemoryDirectoryServer(config);
                server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
                server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
                server.startListening();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutDown(true)));
            } catch (LDAPException | LDIFException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    /** Adds a person with this user name, address, names and password. */
    public static void addPerson(String uid, String mail, String givenName, String surname, String password) {
        try {
            server().add("dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid,
                    "mail: " + mail, "givenName: " + givenName, "sn: " + surname, "cn: " + givenName + " " + surname,
                    "userPassword: " + password);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-directory", Map.of(
                "rapport.ldap.url", "ldap://127.0.0.1:" + server().getListenPort(),
                "rapport.ldap.user-search-base", PEOPLE,
                "rapport.ldap.user-search-filter", "(|(uid={0})(mail={0}))",
                "rapport.ldap.trust-emails", "true",
                "rapport.ldap.display-name", NAME)));
    }
}
