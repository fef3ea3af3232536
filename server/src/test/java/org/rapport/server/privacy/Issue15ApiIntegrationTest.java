package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Issue 15's attacks over the API, each rerun against the fix. */
@SqliteSpringTest
class Issue15ApiIntegrationTest extends ApiIntegrationContract {

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchesThatWouldMatchEveryoneAreRefusedLikeAnEmptyOne() {
        Caller me = caller("Walker");
        Caller friend = caller("Friendly");
        connect(me, friend);
        String empty = get(me, "/search/people?q=").expectFieldErrors("q").errorMessage("q");
        for (String degreesOnly : List.of("1,2,3", "1", "3")) {
            var refused = get(me, "/search/people?degree=" + degreesOnly);
            assertThat(refused.status()).as(degreesOnly).isEqualTo(400);
            assertThat(refused.expectFieldErrors("q").errorMessage("q")).isEqualTo(empty);
        }
        for (String attack : List.of("*", "*:*", "/.*/", "**", "*?~", "\\*", "?", "\"\"",
                "( ) [ ] { } ~ ^ - + ! && ||")) {
            var refused = perform(me, MockMvcRequestBuilders.get(API + "/search/people").param("q", attack)
                    .param("degree", "1,2,3"), null);
            assertThat(refused.status()).as(attack).isEqualTo(400);
            assertThat(refused.expectFieldErrors("q").errorMessage("q")).as(attack).isEqualTo(empty);
        }
        // Words still find, with or without a degree.
        assertThat(get(me, "/search/people?q=friendly&degree=1").expect(200).itemIds()).containsExactly(friend.key());
    }
}
