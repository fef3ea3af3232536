package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.system.Cursor;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Control characters, NUL above all, in whatever a client sends: never a 500. PostgreSQL refuses
 * NUL in text parameters, so input that reaches SQL unchecked fails there and not on SQLite; the
 * subclasses run the same requests on both.
 */
abstract class ControlCharacterApiContract extends ApiIntegrationContract {

    private static final String NUL = "\u0000";

    private Response getWith(Caller as, String path, String param, String value) {
        return perform(as, MockMvcRequestBuilders.get(API + path).queryParam(param, value), null);
    }

    @Test
    void signUpRefusesAnEmailWithControlCharacters() {
        for (String email : new String[] {"a" + NUL + "b@example.org", "ab@exa\u0007mple.org"}) {
            post(null, "/accounts", Map.of("email", email, "password", "a long enough password", "name", "Nul Mail"))
                    .expectFieldErrors("email");
        }
    }

    @Test
    void signInWithAnEmailWithControlCharactersIsRefused() {
        var m = members.create("Nul", "Sign");
        // NUL is refused in any JSON string (issue 19); other control characters are wrong credentials.
        post(null, "/tokens", Map.of("email", m.email() + NUL, "password", "whatever it is")).expectFieldErrors("email");
        assertThat(post(null, "/tokens", Map.of("email", NUL, "password", NUL)).expectProblem(400).errorFields())
                .containsAnyOf("email", "password");
        post(null, "/tokens", Map.of("email", m.email() + "\u0007", "password", "whatever it is")).expectProblem(401);
    }

    @Test
    void searchTermsWithControlCharactersFindWhatTheyWouldWithout() {
        Caller me = caller("Nula", "Searcher");
        Caller friend = caller("Nulbert", "Qxzfriend");
        connect(me, friend);
        String path = "/members/" + me.key() + "/connections";

        for (String filter : new String[] {"q", "location", "company", "school", "industry"}) {
            getWith(me, path, filter, "a" + NUL + "b").expect(200);
        }
        assertThat(getWith(me, path, "q", "Qxz" + NUL).expect(200).itemIds("member")).containsExactly(friend.key());
        assertThat(getWith(me, "/members", "q", NUL + "qxzfriend").expect(200).itemIds()).containsExactly(friend.key());
    }

    @Test
    void aCursorWithControlCharactersIsABadRequest() {
        Caller me = caller("Nul", "Cursor");
        String path = "/members/" + me.key() + "/connections";
        getWith(me, path + "?sort=first_name", "cursor", Cursor.encode("c-first_name", "a" + NUL, "b", 1))
                .expectFieldErrors("cursor");
        getWith(me, path + "?sort=last_name", "cursor", Cursor.encode("c-last_name", "a", "\u0007", 1))
                .expectFieldErrors("cursor");
    }
}
