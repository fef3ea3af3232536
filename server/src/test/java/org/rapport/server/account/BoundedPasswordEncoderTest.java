package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rapport.server.system.ServiceUnavailableException;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

    /** A slow encoder that records how many calls were inside it at once. */
    static final class Slow implements PasswordEncoder {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final long millis;

        Slow(long millis) {
            this.millis = millis;
        }

        @Override
        public String encode(CharSequence raw) {
            int now = inside.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return "h:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    }

    @Test
    void noMoreHashesRunAtOnceThanPermitted() throws Exception {
        Slow slow = new Slow(20);
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String password = "p" + i;
            boolean encode = i % 2 == 0;
            results.add(pool.submit(() -> encode ? bounded.encode(password).equals("h:" + password)
                    : bounded.matches(password, "h:" + password)));
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get()).isTrue();
        }
        pool.shutdown();
        assertThat(slow.most.get()).as("hashes running at once").isEqualTo(2);
    }

    @Test
    void aHashThatCannotStartInTimeIsRefusedAsUnavailable() throws Exception {
        Slow slow = new Slow(1_000);
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            started.countDown();
            bounded.encode("first");
        });
        first.start();
        started.await();
        while (slow.inside.get() == 0) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> bounded.matches("second", "h:second"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.retryAfterSeconds()).isPositive());
        first.join();
        assertThat(bounded.matches("third", "h:third")).as("a permit is free again").isTrue();
    }
}
