package org.rapport.server.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapUtils;
import org.springframework.stereotype.Component;

/**
 * Checks a sign-in form's user name and password by binding to the LDAP directory as that user
 * (Spring LDAP), and reads the entry's address and names ({@link LdapProperties}). The directory
 * decides: Rapport never sees or stores the directory password. An empty password is refused
 * before the directory is asked (an LDAP bind without a password is an anonymous bind, which
 * many directories accept).
 */
@Component
class LdapDirectory {

    static final String PROVIDER = "ldap";
    private static final Logger log = LoggerFactory.getLogger(LdapDirectory.class);

    private final LdapProperties properties;
    private final LdapContextSource source;

    LdapDirectory(LdapProperties properties) {
        this.properties = properties;
        if (properties.enabled()) {
            source = new LdapContextSource();
            source.setUrl(properties.url());
            if (properties.managerDn().isBlank()) {
                source.setAnonymousReadOnly(true);
            } else {
                source.setUserDn(properties.managerDn());
                source.setPassword(properties.managerPassword());
            }
            source.setPooled(false);
            source.afterPropertiesSet();
        } else {
            source = null;
        }
    }

    boolean enabled() {
        return source != null;
    }

    /** The directory's person when {@code login} and {@code password} bind; empty otherwise. */
    Optional<ExternalIdentity> authenticate(String login, String password) {
        if (source == null || login == null || login.isBlank() || login.length() > 254 || password == null
                || password.isEmpty() || password.length() > AccountService.PASSWORD_MAX) {
            return Optional.empty();
        }
        try {
            Optional<String> dn = findDn(login.strip());
            if (dn.isEmpty()) {
                return Optional.empty();
            }
            DirContext context;
            try {
                context = source.getContext(dn.get(), password);
            } catch (org.springframework.ldap.AuthenticationException
                     | org.springframework.ldap.AuthenticationNotSupportedException e) {
                return Optional.empty();
            }
            try {
                String[] wanted = {properties.emailAttribute(), properties.firstNameAttribute(),
                        properties.lastNameAttribute()};
                Attributes attributes = context.getAttributes(LdapUtils.newLdapName(dn.get()), wanted);
                String subject = LdapUtils.newLdapName(dn.get()).toString().toLowerCase(Locale.ROOT);
                return Optional.of(new ExternalIdentity(PROVIDER, subject, value(attributes, wanted[0]),
                        properties.trustEmails(), value(attributes, wanted[1]), value(attributes, wanted[2])));
            } finally {
                LdapUtils.closeContext(context);
            }
        } catch (NamingException | org.springframework.ldap.NamingException e) {
            log.warn("The LDAP directory could not check a sign-in: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<String> findDn(String login) {
        if (properties.userSearchFilter().isBlank()) {
            return Optional.of(properties.userDnPattern().replace("{0}", LdapEncoder.nameEncode(login)));
        }
        LdapTemplate template = new LdapTemplate(source);
        List<String> found = template.search(LdapQueryBuilder.query().base(properties.userSearchBase())
                        .filter(properties.userSearchFilter(), login),
                (ContextMapper<String>) ctx -> ((DirContextAdapter) ctx).getNameInNamespace());
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static String value(Attributes attributes, String name) throws NamingException {
        Attribute attribute = attributes.get(name);
        return attribute == null || attribute.get() == null ? null : attribute.get().toString();
    }
}
