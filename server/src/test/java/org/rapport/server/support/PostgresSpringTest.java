package org.rapport.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The same application as {@link SqliteSpringTest}, on a fresh PostgreSQL database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.connections.cap=40",
        "rapport.invitations.quota.max-pending=150",
        // Every MockMvc request comes from 127.0.0.1: room for the whole suite's sign-ups in one context.
        "rapport.accounts.signup-limit=40",
        // The suite reads many profiles per member under a clock that mostly stands still: budgets out of the way here;
        // ReadBudgetsApiIntegrationTest crosses each of them, small, in a context of its own.
        "rapport.limits.profiles-per-minute=100000", "rapport.limits.profiles-per-day=100000",
        "rapport.limits.mutual-per-minute=100000", "rapport.limits.mutual-per-day=100000",
        "rapport.limits.path-per-minute=100000", "rapport.limits.path-per-day=100000",
        "rapport.limits.also-viewed-per-minute=100000", "rapport.limits.also-viewed-per-day=100000",
        "rapport.limits.search-per-minute=100000", "rapport.limits.search-per-day=100000",
        "rapport.limits.contacts-per-minute=100000", "rapport.limits.contacts-per-day=100000",
        "rapport.limits.follows-per-minute=100000", "rapport.limits.follows-per-day=100000",
        "rapport.scheduling.enabled=false",
        "rapport.search.index-dir=target/search-index-${random.uuid}",
        "server.tomcat.basedir=target/tomcat-base",
        "logging.level.org.rapport=WARN"})
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
@ContextConfiguration(initializers = {PostgresTestDatabase.class, TestSmtp.class})
public @interface PostgresSpringTest {
}
