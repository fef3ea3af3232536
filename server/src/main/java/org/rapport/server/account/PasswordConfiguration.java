package org.rapport.server.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing: Argon2id with Spring Security's 5.8 parameters (16-byte salt, 32-byte hash,
 * 1 lane, 64 MiB memory, 3 iterations). Separate from the web security set-up so that command-line
 * runs, which start no web server, can still create and check accounts.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
