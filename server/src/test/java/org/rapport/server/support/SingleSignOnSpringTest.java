package org.rapport.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link SqliteSpringTest}'s application with single sign-on configured (issue 16): the
 * {@link TestIdentityProvider} as OpenID Connect provider and the {@link TestDirectory} as LDAP
 * directory. Classes with this annotation (and the same extra properties) share one context, on
 * a SQLite database of its own ({@link SqliteTestDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // A database of its own: this context's graph index is loaded once, and the shared contexts
        // connect members in the shared database that it would never see.
        "rapport.test.own-database=true",
        "rapport.accounts.signup-limit=40",
        "rapport.scheduling.enabled=false",
        "rapport.search.index-dir=target/search-index-${random.uuid}",
        "server.tomcat.basedir=target/tomcat-base",
        "logging.level.org.rapport=WARN"})
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
@ContextConfiguration(initializers = {SqliteTestDatabase.class, TestSmtp.class, TestIdentityProvider.class,
        TestDirectory.class})
public @interface SingleSignOnSpringTest {
}
