package org.rapport.server.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock (a {@link MutableClock} is a Clock, and primary) with one tests move. Tests that move it put it back ({@link #START}). */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    /** Close to the real date, so wall-clock helpers on pages read sensibly. */
    public static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    @Bean
    @Primary
    public MutableClock testClock() {
        return new MutableClock(START);
    }
}
