package org.rapport.server.support;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates members for tests quickly: straight into the repository with a password hash computed
 * once, instead of one Argon2 hash per member. Names carry a unique suffix so tests sharing a
 * database never collide; every member's password is {@link #PASSWORD}, and their address is
 * verified (as if they had followed the link of issue 16's verification mail).
 */
@Component
public class TestMembers {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final MemberRepository members;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String hash;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    public TestMembers(MemberRepository members, TransactionTemplate tx, Clock clock, PasswordEncoder passwords,
                       org.springframework.context.ApplicationEventPublisher events,
                       org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.events = events;
        this.members = members;
        this.tx = tx;
        this.clock = clock;
        this.hash = passwords.encode(PASSWORD);
    }

    public Member create(String firstName, String lastName) {
        long n = SEQUENCE.incrementAndGet();
        String email = (firstName + "." + lastName + "." + n + "." + System.nanoTime() + "@test.rapport")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.@]", "");
        long id = tx.execute(s -> {
            long made = members.insert(email, hash, "stamp" + n, firstName, lastName, null, clock.instant());
            jdbc.sql("UPDATE members SET email_verified_at = created_at WHERE id = :id").param("id", made).update();
            // What sign-up tells the rest of the application: the search index picks the member up.
            events.publishEvent(new org.rapport.server.member.ProfileChanged(made));
            return made;
        });
        return members.findById(id).orElseThrow();
    }

    public Member create(String firstName) {
        return create(firstName, "Test");
    }
}
