package org.rapport.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code serve --demo} (issue 18): generated members get photos drawn in code; the demo member keeps initials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "rapport.data-dir=target/demo-photos-${random.uuid}",
        "rapport.demo.enabled=true",
        "rapport.demo.members=60",
        "rapport.scheduling.enabled=false",
        "server.tomcat.basedir=target/tomcat-base",
        "logging.level.org.rapport=WARN"})
class DemoPhotosIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoNetworkHasGeneratedPhotosAndTheDemoMemberNone() {
        long members = jdbc.sql("SELECT count(*) FROM members").query(Long.class).single();
        assertThat(members).isEqualTo(60);
        List<String> fingerprints = jdbc.sql("""
                        SELECT p.fingerprint FROM member_photos p JOIN members m ON m.id = p.member_id
                        WHERE m.photo = p.fingerprint AND p.large_size = 400 AND p.small_size = 96""")
                .query(String.class).list();
        // Two members in three, the demo member aside: 39 of 60.
        assertThat(fingerprints).hasSize(39).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM member_photos").query(Long.class).single()).isEqualTo(39);
        assertThat(jdbc.sql("SELECT photo FROM members WHERE email = 'demo@rapport.test'").query(String.class)
                .optional()).isEmpty();
    }
}
