package org.rapport.server.account;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing: Argon2id with Spring Security's 5.8 parameters (16-byte salt, 32-byte hash,
 * 1 lane, 64 MiB memory, 3 iterations). Separate from the web security set-up so that command-line
 * runs, which start no web server, can still create and check accounts.
 *
 * <p>At most {@code rapport.accounts.hashing.concurrency} hashes run at once (default: one per
 * core), the rest wait up to {@code rapport.accounts.hashing.wait} (10 s) and are then answered 503:
 * see {@link BoundedPasswordEncoder}. The heap hashing can take is that number × 64 MiB.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${rapport.accounts.hashing.concurrency:0}") int concurrency,
                                    @Value("${rapport.accounts.hashing.wait:10s}") Duration wait) {
        int permits = concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        return new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), permits, wait);
    }
}
