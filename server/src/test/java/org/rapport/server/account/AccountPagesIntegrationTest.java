package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The account pages of issue 16 through MockMvc: what they refuse and how they say why. */
@SqliteSpringTest
class AccountPagesIntegrationTest extends ApiIntegrationContract {

    @Test
    void signUpPageRefusesACommonPasswordAndSaysWhy() throws Exception {
        String email = unique("weak");
        var page = mvc.perform(MockMvcRequestBuilders.post("/signup").with(csrf()).with(r -> {
            r.setRemoteAddr("10.90.0." + (System.nanoTime() % 200));
            return r;
        }).param("email", email).param("password", "12345678").param("firstName", "Weak"))
                .andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString()).contains("one of the most common passwords");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e").param("e", email).query(Long.class).single())
                .isZero();
    }
}
