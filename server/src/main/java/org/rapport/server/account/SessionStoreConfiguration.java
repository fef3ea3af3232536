package org.rapport.server.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Page sessions in the database on PostgreSQL (K7), where several nodes share it: a member stays
 * signed in whichever node answers and across restarts, and signing out (or a password change, by
 * the security stamp) ends the session on every node. Spring Session JDBC keeps them in
 * {@code spring_session} (migration V19) and removes expired ones every minute.
 *
 * <p>On SQLite (one node by construction) sessions stay in the server's memory: storing them would
 * add a write, with its fsync, to every page view, on a database that has one writer at a time.
 * {@code rapport.sessions.store=database} stores them there too; {@code memory} keeps them in
 * memory on PostgreSQL (one node only).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SessionStoreConfiguration.InDatabase.class)
@EnableJdbcHttpSession(tableName = "spring_session", maxInactiveIntervalInSeconds = 14 * 24 * 3600)
class SessionStoreConfiguration {

    /** The same cookie as the servlet container's sessions: name, HttpOnly, SameSite=Lax, Secure when configured. */
    @Bean
    CookieSerializer sessionCookie(Environment env) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("JSESSIONID");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite(env.getProperty("server.servlet.session.cookie.same-site", "Lax"));
        cookie.setUseSecureCookie(env.getProperty("server.servlet.session.cookie.secure", Boolean.class, false));
        cookie.setUseBase64Encoding(false);
        return cookie;
    }

    /** {@code rapport.sessions.store}: {@code database}, {@code memory}, or by default database on PostgreSQL. */
    static final class InDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            String store = env.getProperty("rapport.sessions.store", "");
            if (store.equalsIgnoreCase("database")) {
                return true;
            }
            if (store.equalsIgnoreCase("memory")) {
                return false;
            }
            String url = env.getProperty("spring.datasource.url", "");
            return url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:postgresql:");
        }
    }
}
