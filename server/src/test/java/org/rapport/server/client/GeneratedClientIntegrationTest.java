package org.rapport.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rapport.client.ApiClient;
import org.rapport.client.ApiException;
import org.rapport.client.api.AccountsApi;
import org.rapport.client.api.InvitationsApi;
import org.rapport.client.api.MembersApi;
import org.rapport.client.model.AccountJson;
import org.rapport.client.model.AccountSignUpRequest;
import org.rapport.client.model.AccountTokenJson;
import org.rapport.client.model.AccountTokenRequest;
import org.rapport.client.model.InvitationInviteRequest;
import org.rapport.client.model.InvitationJson;
import org.rapport.client.model.PeopleMemberJson;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Java client the build generates from docs/openapi.json (openapi-generator, no hand edits)
 * works against a running server over a real socket: two people sign up and sign in, one invites
 * the other, the other accepts, and each reads the other's profile as a first-degree connection.
 */
@SqliteSpringTest
class GeneratedClientIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private AccountTokenJson signUpAndIn(String first, String last) throws ApiException {
        String email = first.toLowerCase() + "." + System.nanoTime() + "@example.org";
        String password = "correct horse battery staple " + System.nanoTime();
        AccountsApi accounts = new AccountsApi(client(null));
        AccountJson account = accounts.accountSignUp(new AccountSignUpRequest()
                .email(email).password(password).firstName(first).lastName(last));
        assertThat(account.getFirstName()).isEqualTo(first);
        AccountTokenJson token = accounts.accountToken(new AccountTokenRequest().email(email).password(password));
        assertThat(token.getMemberId()).isEqualTo(account.getId());
        return token;
    }

    @Test
    void signUpInviteAcceptAndReadAProfileThroughTheGeneratedClient() throws Exception {
        AccountTokenJson ada = signUpAndIn("Ada", "Client");
        AccountTokenJson bo = signUpAndIn("Bo", "Client");

        InvitationJson sent = new InvitationsApi(client(ada.getToken()))
                .invitationInvite(new InvitationInviteRequest().inviteeId(bo.getMemberId()).note("We met at the meetup."));
        assertThat(sent.getRecipient().getId()).isEqualTo(bo.getMemberId());

        InvitationJson accepted = new InvitationsApi(client(bo.getToken())).invitationAccept(sent.getId());
        assertThat(accepted.getConnected()).isTrue();

        PeopleMemberJson seenByAda = new MembersApi(client(ada.getToken())).peopleMember(bo.getMemberId());
        assertThat(seenByAda.getFirstName()).isEqualTo("Bo");
        assertThat(String.valueOf(seenByAda.getDegree())).isEqualTo("FIRST");
        PeopleMemberJson seenByBo = new MembersApi(client(bo.getToken())).peopleMember(ada.getMemberId());
        assertThat(seenByBo.getLastName()).isEqualTo("Client");

        // A refusal comes back as the client's ApiException with the server's status and problem.
        assertThatThrownBy(() -> new MembersApi(client(ada.getToken())).peopleMember("999999999"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("\"status\":404");
                });
    }
}
