package org.rapport.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.server.member.ConnectionsVisibility.EVERYONE;
import static org.rapport.server.member.ConnectionsVisibility.ONLY_ME;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.ANONYMOUS;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.BLOCKED;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.BLOCKER;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.FIRST;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.OWNER;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.SECOND;
import static org.rapport.server.privacy.AuthorizationMatrixApiIntegrationTest.Role.STRANGER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.VipService;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.credibility.EndorsementService;
import org.rapport.server.credibility.IntroductionService;
import org.rapport.server.credibility.RecommendationService;
import org.rapport.server.credibility.RecommendationStatus;
import org.rapport.server.feed.PostService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.invitation.InvitationRelation;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.network.NetworkService;
import org.rapport.server.profileview.ProfileViewRecorder;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The authorization matrix (B4, I1, I3, I5): every API endpoint, called by each role a member can
 * have towards a subject member S, under each combination of S's privacy settings, answers the
 * status {@link #MATRIX} gives; every error is problem+json; and no answer mentions a member the
 * caller may not know about: S's connections when S hides them from the caller, either side of a
 * block from the other, nor (when S keeps their profile to their network) what S keeps from
 * members out of it.
 *
 * <p>The endpoints come from the running application: an endpoint without a row in the table, or a
 * row whose endpoint is gone, fails {@link #theMatrixHasARowForEveryApiEndpoint()}. A new endpoint
 * needs its row: what it names, what to send, and what each role gets.
 *
 * <p>One fixture world per settings combination, built once and shared by every endpoint and role:
 * <pre>
 *   T2 ── F ── S ── H1        S   the subject: what endpoints name ({id}, {memberId}) and whose invitations
 *          \  / \              F   1st degree; M a connection S and F share; T2 2nd degree, through F only
 *           M    H2            H1, H2 connected to S alone, S's newest connections: hidden when S hides the list
 *   X worked with S at one company, out of S's network; B and BB worked with S at another
 *   P1 has S's pending invitation; P2 sent S one
 *   B, B2, B3 blocked by S; BB, BB2, BB3 blocked S. Before the blocks: B and BB had each withdrawn an
 *   invitation to S (their quota lists S as a cooldown) and had one pending from S; S had withdrawn an
 *   invitation to B2 and BB2 and then connected with them; B3 and BB3 had invitations pending to S;
 *   B, BB, B2 and BB2 viewed S's profile, S viewed B's and BB's; X2 viewed S, B, BB and Z.
 * </pre>
 * Requests that change things act on members made for the one call (a "stand-in" in the caller's
 * relation to S, or a fresh invitation), and those are put back afterwards, so every cell sees the
 * same world. Roles: {@link Role}; member ids are kept above {@value #ID_FLOOR} so that no count,
 * year or limit in an answer can pass for one ({@link MentionedIds}).
 */
@SqliteSpringTest
class AuthorizationMatrixApiIntegrationTest extends ApiIntegrationContract {

    private static final long ID_FLOOR = 100_000;

    /** Who calls, as seen from S. */
    enum Role {
        /** No token at all. */
        ANONYMOUS,
        /** S itself. */
        OWNER,
        /** F, connected to S. */
        FIRST,
        /** T2, connected to F only. */
        SECOND,
        /** X, out of S's network. */
        STRANGER,
        /** B, whom S blocked. */
        BLOCKED,
        /** BB, who blocked S. */
        BLOCKER
    }

    /** One combination of S's privacy settings. */
    record Settings(ConnectionsVisibility connections, ProfileVisibility profile, boolean alsoViewed,
                    InvitationsFrom invitationsFrom) {

        PrivacyChanges changes() {
            return new PrivacyChanges(connections.name(), invitationsFrom.name(), null, null, null, profile.name(),
                    alsoViewed);
        }

        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("connectionsVisibility", connections.name());
            body.put("profileVisibility", profile.name());
            body.put("showAlsoViewed", alsoViewed);
            body.put("invitationsFrom", invitationsFrom.name());
            return body;
        }

        @Override
        public String toString() {
            return "connections " + connections + ", profile " + profile
                    + ", also viewed " + (alsoViewed ? "on" : "off") + ", invitations from " + invitationsFrom;
        }
    }

    /**
     * Who sees S's connections crossed with what outsiders see of S's profile; each crossed with
     * the settings that only change one endpoint's answer: People Also Viewed on and invitations
     * from anyone, or People Also Viewed off and invitations only from contacts (they do not
     * interact, so pairing them covers both values of each).
     */
    static final List<Settings> SETTINGS = settingsCombinations();

    private static List<Settings> settingsCombinations() {
        List<Settings> all = new ArrayList<>();
        for (ConnectionsVisibility connections : ConnectionsVisibility.values()) {
            for (ProfileVisibility profile : ProfileVisibility.values()) {
                all.add(new Settings(connections, profile, true, InvitationsFrom.ANYONE));
                all.add(new Settings(connections, profile, false, InvitationsFrom.CONTACTS));
            }
        }
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------------------------------------
    // The matrix: one row per endpoint.

    /** The status a role gets under some settings. */
    @FunctionalInterface
    interface Status {
        int of(Role role, Settings settings);
    }

    /** Everyone, signed in or not, gets {@code status}. */
    static Status anyone(int status) {
        return (role, s) -> status;
    }

    /** 401 without a token; {@code status} for every member. */
    static Status signedIn(int status) {
        return (role, s) -> role == ANONYMOUS ? 401 : status;
    }

    /** 401 without a token; 404 for either side of a block (to them S does not exist); {@code status} otherwise. */
    static Status namingSubject(int status) {
        return (role, s) -> switch (role) {
            case ANONYMOUS -> 401;
            case BLOCKED, BLOCKER -> 404;
            default -> status;
        };
    }

    /** The photo S has in every world, and what PUT /me/photo sends. */
    static final byte[] MATRIX_PHOTO = org.rapport.server.photo.TestImages.png(120, 90);

    static final List<Rule> MATRIX = List.of(
            // Accounts and tokens (I4). Open to anyone, whatever their token; neither the caller's
            // relation to S nor S's settings can change the answer, and each call hashes a password
            // with Argon2, so these run in the first settings combination only.
            rule("POST /accounts").status(anyone(201)).inOneWorldOnly().aboutTheCaller()
                    .body(c -> Map.of("email", unique("matrix"), "password", "a long enough password",
                            "name", "Matrix Newcomer")),
            rule("POST /tokens").status(anyone(201)).inOneWorldOnly().aboutTheCaller()
                    .body(c -> Map.of("email", c.self().email(), "password", TestMembers.PASSWORD))
                    .check((c, r) -> assertThat(r.text("memberId")).isEqualTo(Long.toString(c.self().id()))),
            rule("GET /tokens/current").status(signedIn(200)),
            rule("DELETE /tokens/current").status(signedIn(204)).as(Cell::freshToken),
            rule("DELETE /me").status(signedIn(204)).as(Cell::standIn)
                    .body(c -> Map.of("password", TestMembers.PASSWORD)),
            // Password reset (issue 16): open to anyone; 202 whatever the address, and a token no
            // link carries names nothing.
            rule("POST /password-resets").status(anyone(202)).inOneWorldOnly()
                    .body(c -> Map.of("email", c.self().email())),
            rule("POST /password-resets/{token}").target(c -> c.w.s).status(anyone(404)).inOneWorldOnly()
                    .body(c -> Map.of("password", "a fresh memorable phrase")),
            // Every test member's address is verified: asking for the mail again is a conflict.
            rule("POST /me/email-verification").status(signedIn(409)),
            // Changing my address, on a fresh stand-in each time (it becomes unverified).
            rule("PUT /me/email").status(signedIn(200)).as(Cell::standIn).inOneWorldOnly()
                    .body(c -> Map.of("email", unique("moved"), "password", TestMembers.PASSWORD)),
            // Two-factor sign-in, on a fresh stand-in each time: set-up starts; confirming before
            // it started and switching off what is not on are conflicts.
            rule("POST /me/two-factor").status(signedIn(200)).as(Cell::standIn).inOneWorldOnly(),
            rule("POST /me/two-factor/confirm").status(signedIn(409)).as(Cell::standIn).inOneWorldOnly()
                    .body(c -> Map.of("code", "000000")),
            rule("DELETE /me/two-factor").status(signedIn(409)).as(Cell::standIn).inOneWorldOnly()
                    .body(c -> Map.of("password", TestMembers.PASSWORD, "code", "000000")),

            // My own things: every member gets their own, and nothing of anyone hidden from them.
            rule("GET /me").status(signedIn(200)).aboutTheCaller(),
            rule("PATCH /me/profile").status(signedIn(200)).aboutTheCaller().body(c -> Map.of()),
            rule("GET /me/view-as").query(c -> "degree=OUT_OF_NETWORK").status(signedIn(200)).aboutTheCaller()
                    .check((c, r) -> {
                        if (c.role == OWNER) {
                            assertThat(r.body().path("limitedProfile").asBoolean()).as("limitedProfile")
                                    .isEqualTo(c.settings().profile() == ProfileVisibility.NETWORK);
                        }
                    }),
            rule("GET /me/settings").status(signedIn(200)),
            rule("PATCH /me/settings").status(signedIn(200))
                    .body(c -> c.role == OWNER ? c.settings().json() : Map.of())
                    .check((c, r) -> {
                        if (c.role == OWNER) {
                            assertThat(r.text("connectionsVisibility")).isEqualTo(c.settings().connections().name());
                        }
                    }),
            rule("GET /me/network").status(signedIn(200)),
            rule("GET /me/invitation-quota").status(signedIn(200)),
            rule("GET /me/profile-views").status(signedIn(200))
                    .shows(c -> switch (c.role) {
                        case OWNER -> Set.of(c.w.f, c.w.x2);
                        case BLOCKED, BLOCKER -> Set.of(c.w.x2);
                        default -> Set.of();
                    }),
            rule("GET /notifications").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.p2) : Set.of()),
            rule("POST /notifications/read").status(signedIn(204)),
            rule("GET /suggestions").status(signedIn(200))
                    .shows(c -> switch (c.role) {
                        case OWNER -> Set.of(c.w.t2, c.w.x); // through F; a colleague
                        case SECOND -> Set.of(c.w.s); // through F
                        case STRANGER -> c.limited() ? Set.of() : Set.of(c.w.s); // a colleague
                        case BLOCKED -> Set.of(c.w.bb); // a colleague; S, one too, is hidden
                        case BLOCKER -> Set.of(c.w.b);
                        default -> Set.of();
                    }),

            // Members (C1–C4, C7, I1, I3).
            rule("GET /members").query(c -> "q=" + c.w.surname).status(signedIn(200))
                    .shows(c -> c.role == FIRST || c.role == SECOND || c.role == STRANGER ? Set.of(c.w.s) : Set.of()),
            rule("GET /members/{id}").target(c -> c.w.s).status(namingSubject(200))
                    .shows(c -> Set.of(c.w.s))
                    .check((c, r) -> assertThat(r.body().path("limitedProfile").asBoolean())
                            .as("limitedProfile").isEqualTo(c.limited())),
            rule("GET /members/{id}/connections").target(c -> c.w.s)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case BLOCKED, BLOCKER -> 404;
                        case OWNER, FIRST -> 200; // under ONLY_ME a connection gets the shared ones only
                        case SECOND, STRANGER -> s.connections() == EVERYONE ? 200 : 403;
                    })
                    .shows(c -> c.role == FIRST && c.settings().connections() == ONLY_ME
                            ? Set.of(c.w.m) : c.w.subjectsConnections()),
            rule("GET /members/{id}/mutual-connections").target(c -> c.w.s).status(namingSubject(200))
                    .shows(c -> switch (c.role) {
                        case FIRST -> Set.of(c.w.m);
                        case SECOND -> Set.of(c.w.f);
                        default -> Set.of();
                    }),
            rule("GET /members/{id}/path").target(c -> c.w.s).status(namingSubject(200))
                    .shows(c -> switch (c.role) {
                        case FIRST -> Set.of(c.w.s);
                        case SECOND -> Set.of(c.w.f, c.w.s);
                        default -> Set.of();
                    }),
            rule("GET /members/{id}/also-viewed").target(c -> c.w.s).status(namingSubject(200))
                    // Z was co-viewed by X2 alone: below the 5 viewers People Also Viewed needs (issue 15).
                    .shows(c -> !c.settings().alsoViewed() ? Set.of()
                            : c.seesConnections() ? Set.of(c.w.h2) : Set.of())
                    .check((c, r) -> {
                        if (!c.settings().alsoViewed()) {
                            assertThat(r.body().path("items").isEmpty()).as("turned off: no items").isTrue();
                        }
                    }),

            // Invitations (A1–A8): only their two members see or act on them, only the recipient
            // answers, only the sender withdraws. S's own are fresh for each call.
            rule("POST /invitations").body(c -> Map.of("inviteeId", Long.toString(c.w.s)))
                    .as(c -> c.standInIf(SECOND, STRANGER))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER, FIRST -> 409; // yourself; already connected
                        case SECOND, STRANGER -> 201;
                        case BLOCKED, BLOCKER -> 404;
                    })
                    .check((c, r) -> {
                        // The sender is not told where their invitation went (I2).
                        assertThat(r.text("status")).isEqualTo("PENDING");
                        assertThat(r.body().path("filteredReason").isNull()).as("filteredReason hidden").isTrue();
                    }),
            rule("GET /invitations/received").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.p2) : Set.of()),
            rule("GET /invitations/sent").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.p1) : Set.of()),
            rule("GET /invitations/{id}").target(Cell::invitationToAnswer).status(onlyTheOwner(200))
                    .shows(c -> Set.of(c.w.p2)),
            rule("POST /invitations/{id}/accept").status(onlyTheOwner(200))
                    .target(c -> c.role == OWNER ? c.freshReceived() : c.invitationToAnswer()),
            rule("POST /invitations/{id}/ignore").status(onlyTheOwner(200))
                    .target(c -> c.role == OWNER ? c.freshReceived() : c.invitationToAnswer()),
            rule("POST /invitations/{id}/withdraw").status(onlyTheOwner(200))
                    .target(c -> c.role == OWNER ? c.freshSent() : c.invitationToWithdraw()),
            rule("POST /invitations/{id}/snooze").status(onlyTheOwner(200))
                    .target(c -> c.role == OWNER ? c.freshReceived() : c.invitationToAnswer()),

            // Connections (A6): removing S is for S's connections; to anyone else S is not theirs to remove.
            rule("DELETE /connections/{memberId}").target(c -> c.w.s).as(c -> c.standInIf(FIRST))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case FIRST -> 204;
                        case OWNER, SECOND, STRANGER, BLOCKED, BLOCKER -> 404;
                    }),

            // Suggestions (C5).
            rule("POST /suggestions/{memberId}/dismiss").target(c -> c.w.s).after(Cell::undoDismissal)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST, SECOND, STRANGER -> 204;
                        case BLOCKED, BLOCKER -> 404;
                    }),

            // Blocks (B4).
            rule("POST /blocks").body(c -> Map.of("memberId", Long.toString(c.w.s)))
                    .as(c -> c.standInIf(FIRST, SECOND, STRANGER)).after(Cell::standInBlockedSubject)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST, SECOND, STRANGER -> 204;
                        case BLOCKED -> 404; // S blocked them first: to them S does not exist
                        case BLOCKER -> 204; // blocking twice is harmless
                    }),
            rule("GET /blocks").status(signedIn(200))
                    .mayName(Cell::ownBlocks)
                    .shows(c -> switch (c.role) {
                        case OWNER -> c.w.blockedAtStart;
                        case BLOCKER -> Set.of(c.w.s);
                        default -> Set.of();
                    }),
            // 204 also when there was no block, so a blocked member learns nothing here either: an
            // id that names nobody gets the same answer.
            rule("DELETE /blocks/{memberId}").target(c -> c.w.s).as(c -> c.standInIf(BLOCKER))
                    .after(Cell::standInBlocksSubjectAgain).status(signedIn(204)),

            // Following (F1): S's followers and whom S follows are shown to whom S's connections are.
            rule("POST /members/{id}/follow").target(c -> c.w.s).after(Cell::stopFollowingSubject)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST, SECOND, STRANGER -> 204; // a connection already follows: harmless
                        case BLOCKED, BLOCKER -> 404;
                    }),
            // 204 whoever S is to the caller, as for an id that names nobody: unfollowing tells nothing.
            rule("DELETE /members/{id}/follow").target(c -> c.w.s).as(c -> c.standInIf(FIRST)).status(signedIn(204)),
            rule("GET /members/{id}/followers").target(c -> c.w.s).status(AuthorizationMatrixApiIntegrationTest::followLists)
                    .shows(c -> c.w.subjectsConnections()),
            rule("GET /members/{id}/following").target(c -> c.w.s).status(AuthorizationMatrixApiIntegrationTest::followLists)
                    .shows(c -> c.w.subjectsConnections()),

            // Updates (F2): S's update is for S's connections; only its author changes it.
            rule("POST /posts").body(c -> Map.of("text", "An update for the matrix", "visibility", "CONNECTIONS"))
                    .status(signedIn(201)).aboutTheCaller().after(Cell::deleteCallersNewPosts),
            rule("GET /posts/{id}").target(c -> c.w.post)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER, FIRST -> 200;
                        case SECOND, STRANGER, BLOCKED, BLOCKER -> 404; // not shared with them
                    })
                    .shows(c -> Set.of(c.w.s)),
            rule("PATCH /posts/{id}").target(c -> c.role == OWNER ? c.freshPost() : c.w.post)
                    .body(c -> Map.of("text", "An edited update")).status(AuthorizationMatrixApiIntegrationTest::changePost)
                    .after(Cell::deleteCallersNewPosts),
            rule("DELETE /posts/{id}").target(c -> c.role == OWNER ? c.freshPost() : c.w.post)
                    .status((role, s) -> changePost(role, s) == 200 ? 204 : changePost(role, s)),
            rule("GET /feed").status(signedIn(200))
                    .shows(c -> c.role == OWNER || c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("GET /members/{id}/posts").target(c -> c.w.s).status(namingSubject(200))
                    .check((c, r) -> assertThat(r.body().path("items").size()).as("S's updates shared with %s", c.role)
                            .isEqualTo(c.role == OWNER || c.role == FIRST ? 1 : 0)),

            // VIPs (F3): S pinned H1, whom the showcase on S's profile shows only with the connections.
            rule("GET /me/vips").status(signedIn(200)).shows(c -> c.role == OWNER ? Set.of(c.w.h1) : Set.of()),
            rule("PUT /me/vips").status(signedIn(200))
                    .body(c -> Map.of("memberIds", c.role == OWNER ? List.of(Long.toString(c.w.h1)) : List.of()))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.h1) : Set.of()),
            rule("POST /me/vips").body(c -> Map.of("memberId", Long.toString(c.w.s))).after(Cell::unpinSubject)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER, SECOND, STRANGER -> 400; // connections only
                        case FIRST -> 201; // pinned: created
                        case BLOCKED, BLOCKER -> 404;
                    })
                    .shows(c -> c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("DELETE /me/vips/{memberId}").target(c -> c.w.s).status(signedIn(204)),

            // Notifications (A7): each member's own.
            rule("GET /notifications/settings").status(signedIn(200)),
            rule("PUT /notifications/settings").body(c -> Map.of()).status(signedIn(200)),
            rule("GET /notifications/stream").accept(MediaType.TEXT_EVENT_STREAM).status(signedIn(200)),

            // Contacts (E1–E6): S imported an address book naming X, H1, B, BB and someone not a member.
            rule("POST /contacts/imports").file(c -> new MockMultipartFile("file", "addresses.txt", "text/plain",
                            ("someone." + letters(6) + "@example.net\n").getBytes(StandardCharsets.UTF_8)))
                    .status(signedIn(202)),
            rule("GET /contacts/imports").status(signedIn(200)),
            rule("GET /contacts/imports/{id}").target(c -> c.w.contactImport).status(onlyTheOwner(200)),
            rule("DELETE /contacts/imports/{id}").target(c -> c.role == OWNER ? c.freshImport() : c.w.contactImport)
                    .status(onlyTheOwner(204)),
            rule("GET /contacts").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.x, c.w.h1) : Set.of()),
            rule("POST /contacts/{id}/invite").target(c -> c.w.outsider).status(onlyTheOwner(204)),
            rule("GET /contacts/settings").status(signedIn(200)),
            rule("PATCH /contacts/settings").body(c -> Map.of()).status(signedIn(200)),
            rule("GET /me/export").status(signedIn(200)).aboutTheCaller().mayName(Cell::ownBlocks)
                    .shows(c -> c.role == OWNER ? c.w.subjectsConnections() : Set.of()),
            rule("GET /me/export/connections.csv").accept(MediaType.parseMediaType("text/csv")).status(signedIn(200))
                    .aboutTheCaller()
                    .check(AuthorizationMatrixApiIntegrationTest::exportNamesTheConnections),
            rule("GET /me/export/connections.vcf").accept(MediaType.parseMediaType("text/vcard")).status(signedIn(200))
                    .aboutTheCaller()
                    .check(AuthorizationMatrixApiIntegrationTest::exportNamesTheConnections),

            // Photos (issue 18): S has one; whoever sees S's full profile sees it, 404 for anyone else.
            rule("PUT /me/photo").file(c -> new MockMultipartFile("photo", "me.png", "image/png", MATRIX_PHOTO))
                    .status(signedIn(200)).aboutTheCaller().after(Cell::restoreSubjectsPhoto),
            rule("DELETE /me/photo").status(signedIn(204)).aboutTheCaller().after(Cell::restoreSubjectsPhoto),
            rule("GET /members/{id}/photo").target(c -> c.w.s).accept(MediaType.IMAGE_JPEG)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case BLOCKED, BLOCKER -> 404;
                        case OWNER, FIRST, SECOND -> 200;
                        case STRANGER -> s.profile() == ProfileVisibility.NETWORK ? 404 : 200;
                    }),

            // Messaging (G1, G2): S and F have a conversation; S takes messages from connections only;
            // R's message request waits for S. Only the two members of a conversation reach it.
            rule("POST /conversations").body(c -> Map.of("memberId", Long.toString(c.w.s), "text", "A message for the matrix"))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // not to oneself
                        case FIRST -> 201;
                        case SECOND, STRANGER -> 403; // S takes messages from connections only
                        case BLOCKED, BLOCKER -> 404;
                    })
                    .shows(c -> c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("GET /conversations").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.f) : c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("GET /conversations/{id}/messages").target(c -> c.w.conversation)
                    .status(AuthorizationMatrixApiIntegrationTest::onlyTheTwo),
            rule("POST /conversations/{id}/messages").target(c -> c.w.conversation)
                    .body(c -> Map.of("text", "Another message for the matrix"))
                    .status((role, s) -> onlyTheTwo(role, s) == 200 ? 201 : onlyTheTwo(role, s)),
            rule("POST /conversations/{id}/read").target(c -> c.w.conversation)
                    .status((role, s) -> onlyTheTwo(role, s) == 200 ? 204 : onlyTheTwo(role, s)),
            rule("POST /conversations/{id}/accept").target(c -> c.role == OWNER ? c.freshRequest() : c.w.request)
                    .status(onlyTheOwner(200)),
            rule("POST /conversations/{id}/decline").target(c -> c.role == OWNER ? c.freshRequest() : c.w.request)
                    .status(onlyTheOwner(204)),

            // Search (D1, D2). S's name is public, so S is found by it except across a block; out of S's
            // network, when S keeps the profile to it, the facets must not count S's companies or school.
            rule("GET /search/people").query(c -> "q=" + c.w.surname).status(signedIn(200))
                    .shows(c -> c.role == FIRST || c.role == SECOND || c.role == STRANGER ? Set.of(c.w.s) : Set.of()),
            // Colleagues as in the suggestions: X worked with S; B and BB with S and each other.
            rule("GET /search/colleagues").status(signedIn(200))
                    .shows(c -> switch (c.role) {
                        case OWNER -> Set.of(c.w.x);
                        case STRANGER -> c.limited() ? Set.of() : Set.of(c.w.s);
                        case BLOCKED -> Set.of(c.w.bb);
                        case BLOCKER -> Set.of(c.w.b);
                        default -> Set.of();
                    })
                    .check((c, r) -> {
                        if (c.role == STRANGER && c.limited()) {
                            assertThat(r.body().path("items").size()).as("S's positions are kept from X").isZero();
                        }
                    }),
            rule("GET /search/classmates").status(signedIn(200)),

            // Groups (G3, G4): S owns G, a listed members-only group; F is a member and wrote its post;
            // Gus waits with a request and Gil is banned. Nobody else belongs: to them G shows its
            // name and description, and 403 for its discussions, members and management. The
            // role-by-visibility table of every group relation is GroupServiceContract's.
            rule("POST /groups").body(c -> Map.of("name", "Matrix guild " + c.role, "visibility", "PUBLIC"))
                    .status(signedIn(201)),
            rule("GET /groups").query(c -> "q=" + c.w.groupToken).status(signedIn(200)),
            rule("GET /groups/{id}").target(c -> c.w.group).status(signedIn(200)),
            rule("PATCH /groups/{id}").target(c -> c.w.group).body(c -> Map.of("description", "Edited by the matrix"))
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner),
            rule("POST /groups/{id}/join").target(c -> c.w.group).status(signedIn(201))
                    .after(Cell::withdrawGroupRequest),
            rule("POST /groups/{id}/leave").target(c -> c.w.group).as(c -> c.standInIf(FIRST))
                    .status((role, s) -> role == ANONYMOUS ? 401 : role == OWNER ? 409 : 204),
            rule("POST /groups/{id}/invitations").target(c -> c.w.group)
                    .body(c -> Map.of("memberId", Long.toString(c.w.m)))
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers204)
                    .after(Cell::withdrawGroupInvitation),
            rule("GET /me/group-invitations").status(signedIn(200)),
            rule("GET /groups/{id}/requests").target(c -> c.w.group)
                    .status((role, s) -> groupOwner(role, s))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.groupRequester) : Set.of()),
            rule("POST /groups/{id}/requests/{memberId}/approve")
                    .targets(c -> c.w.group, c -> c.role == OWNER ? c.freshGroupRequester() : c.w.groupRequester)
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("POST /groups/{id}/requests/{memberId}/deny")
                    .targets(c -> c.w.group, c -> c.role == OWNER ? c.freshGroupRequester() : c.w.groupRequester)
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("GET /groups/{id}/members").target(c -> c.w.group)
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers200)
                    .shows(c -> c.role == OWNER ? Set.of(c.w.f) : c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("DELETE /groups/{id}/members/{memberId}")
                    .targets(c -> c.w.group, c -> c.role == OWNER ? c.freshGroupMember() : c.w.f)
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("PUT /groups/{id}/members/{memberId}/role").targets(c -> c.w.group, c -> c.w.f)
                    .body(c -> Map.of("role", "MEMBER"))
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("POST /groups/{id}/owner").target(c -> c.role == OWNER ? c.freshGroup() : c.w.group)
                    .body(c -> Map.of("memberId", Long.toString(c.w.f)))
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("GET /groups/{id}/bans").target(c -> c.w.group).status(AuthorizationMatrixApiIntegrationTest::groupOwner),
            rule("POST /groups/{id}/bans").target(c -> c.w.group)
                    .body(c -> Map.of("memberId", Long.toString(c.freshGroupMember())))
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("DELETE /groups/{id}/bans/{memberId}")
                    .targets(c -> c.w.group, c -> c.role == OWNER ? c.freshGroupBan() : c.w.groupBanned)
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("GET /groups/{id}/posts").target(c -> c.w.group)
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers200)
                    .shows(c -> c.role == OWNER ? Set.of(c.w.f) : Set.of()),
            rule("POST /groups/{id}/posts").target(c -> c.w.group).body(c -> Map.of("text", "A group post for the matrix"))
                    .status((role, s) -> groupMembers200(role, s) == 200 ? 201 : groupMembers200(role, s)),
            rule("GET /groups/{id}/posts/{postId}").targets(c -> c.w.group, c -> c.w.groupPost)
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers200),
            rule("POST /groups/{id}/posts/{postId}/approve").targets(c -> c.w.group, c -> c.w.groupPost)
                    .status(AuthorizationMatrixApiIntegrationTest::groupOwner204),
            rule("DELETE /groups/{id}/posts/{postId}")
                    .targets(c -> c.w.group, c -> c.role == OWNER || c.role == FIRST ? c.freshGroupPost() : c.w.groupPost)
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers204),
            rule("GET /groups/{id}/posts/{postId}/comments").targets(c -> c.w.group, c -> c.w.groupPost)
                    .status(AuthorizationMatrixApiIntegrationTest::groupMembers200),
            rule("POST /groups/{id}/posts/{postId}/comments").targets(c -> c.w.group, c -> c.w.groupPost)
                    .body(c -> Map.of("text", "A comment for the matrix"))
                    .status((role, s) -> groupMembers200(role, s) == 200 ? 201 : groupMembers200(role, s)),

            // Endorsements (H1): F, M and H1 endorsed S's skill. Endorsers are S's connections, so they are
            // named as S's connections-visibility setting allows; out of network, when S keeps the profile
            // to it, no skills at all.
            rule("GET /members/{id}/endorsements").target(c -> c.w.s).status(namingSubject(200))
                    .shows(c -> switch (c.role) {
                        case OWNER -> Set.of(c.w.f, c.w.m, c.w.h1);
                        case FIRST -> Set.of(c.w.f, c.w.m);
                        case SECOND -> Set.of(c.w.f);
                        default -> Set.of();
                    }),
            rule("POST /members/{id}/endorsements").target(c -> c.w.s).body(c -> Map.of("skill", c.w.skill))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST -> 201; // again: harmless, and answered as the first time
                        case SECOND, STRANGER -> 403; // connections only
                        case BLOCKED, BLOCKER -> 404;
                    })
                    .shows(c -> c.role == FIRST ? Set.of(c.w.s, c.w.f) : Set.of()),
            rule("DELETE /members/{id}/endorsements").target(c -> c.w.s).as(c -> c.standInIf(FIRST))
                    .query(c -> "skill=" + java.net.URLEncoder.encode(c.w.skill, StandardCharsets.UTF_8))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400;
                        case FIRST, SECOND, STRANGER -> 204; // none to take back: harmless
                        case BLOCKED, BLOCKER -> 404;
                    }),
            rule("POST /me/endorsements/hide").body(c -> Map.of("skill", c.w.skill, "endorserId", Long.toString(c.w.f)))
                    .after(Cell::showFernsEndorsement).status(onlyTheOwner(204)),
            rule("POST /me/endorsements/show").body(c -> Map.of("skill", c.w.skill, "endorserId", Long.toString(c.w.f)))
                    .status(onlyTheOwner(204)),
            rule("GET /me/endorsement-settings").status(signedIn(200)),
            rule("PATCH /me/endorsement-settings").body(c -> Map.of()).status(signedIn(200)),

            // Recommendations (H2): F recommended S, approved. Only their two members reach one; only the
            // author writes it, only the recipient approves, hides, shows or sends it back.
            rule("POST /recommendations").as(c -> c.standInIf(FIRST))
                    .body(c -> Map.of("recipientId", Long.toString(c.w.s), "text", "A recommendation for the matrix"))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST -> 201;
                        case SECOND, STRANGER -> 403; // connections only
                        case BLOCKED, BLOCKER -> 404;
                    }),
            rule("POST /recommendations/requests").body(c -> Map.of("memberId", Long.toString(c.w.s)))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST -> 400; // F has no position to be recommended for
                        case SECOND, STRANGER -> 403;
                        case BLOCKED, BLOCKER -> 404;
                    }),
            rule("GET /recommendations/received").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.f) : Set.of()),
            rule("GET /recommendations/given").status(signedIn(200))
                    .shows(c -> c.role == FIRST ? Set.of(c.w.s) : Set.of()),
            rule("GET /recommendations/requests").status(signedIn(200)),
            rule("GET /recommendations/{id}").target(c -> c.w.recommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::onlyTheTwo).shows(c -> Set.of(c.w.s, c.w.f)),
            rule("PATCH /recommendations/{id}").target(c -> c.w.recommendation)
                    .body(c -> Map.of("text", "An edited recommendation")).after(Cell::approveFernsRecommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::authorOnly),
            rule("POST /recommendations/{id}/approve")
                    .target(c -> c.role == OWNER ? c.freshRecommendation("PENDING") : c.w.recommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::recipientOnly),
            rule("POST /recommendations/{id}/hide")
                    .target(c -> c.role == OWNER ? c.freshRecommendation("APPROVED") : c.w.recommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::recipientOnly),
            rule("POST /recommendations/{id}/show")
                    .target(c -> c.role == OWNER ? c.freshRecommendation("HIDDEN") : c.w.recommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::recipientOnly),
            rule("POST /recommendations/{id}/revise").body(c -> Map.of("note", "Please say more"))
                    .target(c -> c.role == OWNER ? c.freshRecommendation("PENDING") : c.w.recommendation)
                    .status(AuthorizationMatrixApiIntegrationTest::recipientOnly),
            rule("POST /recommendations/{id}/decline")
                    .target(c -> c.role == OWNER ? c.freshRecommendationRequest() : c.w.recommendation)
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 204; // a request to S
                        case FIRST -> 409; // F's is written, not a request
                        default -> 404;
                    }),
            rule("DELETE /recommendations/{id}").as(c -> c.standInIf(FIRST))
                    .target(c -> c.role == OWNER ? c.freshRecommendation("PENDING") : c.w.recommendation)
                    .status(onlyTheOwner(204)),
            // Authors are S's connections: withheld (author null) from whom S's list is hidden, unless theirs.
            rule("GET /members/{id}/recommendations").target(c -> c.w.s).status(namingSubject(200))
                    .shows(c -> switch (c.role) {
                        case OWNER, FIRST, SECOND -> Set.of(c.w.f);
                        default -> Set.of();
                    })
                    .check((c, r) -> assertThat(r.body().path("items").size()).as("S's recommendations shown to %s", c.role)
                            .isEqualTo(c.limited() ? 0 : 1)),

            // Introductions (H3): S asked F to introduce S to T2. Only the requester and the intermediary
            // reach it; only the intermediary forwards or declines.
            rule("POST /introductions").as(c -> c.standInIf(SECOND))
                    .body(c -> Map.of("intermediaryId", Long.toString(c.w.f), "targetId", Long.toString(c.w.s),
                            "reason", "An introduction for the matrix"))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER, FIRST -> 400; // to myself; through myself
                        case SECOND -> 201; // through F, whom both share
                        case STRANGER -> 403; // F is not X's connection
                        case BLOCKED, BLOCKER -> 404;
                    }),
            rule("GET /introductions/sent").status(signedIn(200))
                    .shows(c -> c.role == OWNER ? Set.of(c.w.f, c.w.t2) : Set.of()),
            rule("GET /introductions/received").status(signedIn(200))
                    .shows(c -> c.role == FIRST ? Set.of(c.w.s, c.w.t2) : Set.of()),
            rule("GET /introductions/{id}").target(c -> c.w.introduction)
                    .status(AuthorizationMatrixApiIntegrationTest::onlyTheTwo),
            rule("POST /introductions/{id}/forward").body(c -> Map.of("note", "Meet Sasha"))
                    .target(c -> c.role == FIRST ? c.freshIntroduction() : c.w.introduction)
                    .status(AuthorizationMatrixApiIntegrationTest::intermediaryOnly),
            rule("POST /introductions/{id}/decline")
                    .target(c -> c.role == FIRST ? c.freshIntroduction() : c.w.introduction)
                    .status(AuthorizationMatrixApiIntegrationTest::intermediaryOnly),
            rule("GET /me/introduction-allowance").status(signedIn(200)),

            // Administration (issue 17): no role here is a moderator or administrator, so every
            // path is 404 to all of them, as for a path that does not exist. What moderators and
            // administrators get is AdminAuthorizationIntegrationTest's matrix.
            rule("GET /admin/members").status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/members/{id}/suspend").target(c -> c.w.s).body(c -> Map.of("reason", "Matrix"))
                    .status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/members/{id}/unsuspend").target(c -> c.w.s).status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/members/{id}/password-reset").target(c -> c.w.s).status(signedIn(404)).inOneWorldOnly(),
            rule("DELETE /admin/members/{id}").target(c -> c.w.s).status(signedIn(404)).inOneWorldOnly(),
            rule("GET /admin/settings").status(signedIn(404)).inOneWorldOnly(),
            rule("PATCH /admin/settings").body(c -> Map.of("signupMode", "DOMAINS")).status(signedIn(404)).inOneWorldOnly(),
            rule("GET /admin/audit-log").status(signedIn(404)).inOneWorldOnly(),
            rule("GET /admin/audit-log.csv").status(signedIn(404)).inOneWorldOnly(),
            rule("GET /admin/reports").status(signedIn(404)).inOneWorldOnly(),
            rule("GET /admin/sign-up-requests").status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/sign-up-requests/{id}/approve").target(c -> c.w.s).status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/sign-up-requests/{id}/refuse").target(c -> c.w.s).body(c -> Map.of("reason", "Matrix"))
                    .status(signedIn(404)).inOneWorldOnly(),
            rule("POST /admin/reports/{id}/resolve").target(c -> c.w.s).body(c -> Map.of("action", "DISMISS"))
                    .status(signedIn(404)).inOneWorldOnly(),

            // Reports (issue 17): a member reports what they can see; S is not theirs to see across a block.
            rule("POST /reports").body(c -> Map.of("subjectType", "MEMBER", "subjectId", Long.toString(c.w.s),
                            "reason", "SPAM"))
                    .status((role, s) -> switch (role) {
                        case ANONYMOUS -> 401;
                        case OWNER -> 400; // yourself
                        case FIRST, SECOND, STRANGER -> 201;
                        case BLOCKED, BLOCKER -> 404;
                    }).inOneWorldOnly(),
            rule("GET /me/reports").status(signedIn(200)));

    /** G's owner (S) may; everyone else signed in sees G but may not (403). */
    static int groupOwner(Role role, Settings s) {
        return role == ANONYMOUS ? 401 : role == OWNER ? 200 : 403;
    }

    static int groupOwner204(Role role, Settings s) {
        return groupOwner(role, s) == 200 ? 204 : groupOwner(role, s);
    }

    /** G's members (S and F) may; to everyone else signed in, a members-only group's insides are 403. */
    static int groupMembers200(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER, FIRST -> 200;
            default -> 403;
        };
    }

    static int groupMembers204(Role role, Settings s) {
        return groupMembers200(role, s) == 200 ? 204 : groupMembers200(role, s);
    }

    /** F's recommendation of S: F (its author) may edit it, S may not, to the rest it does not exist. */
    static int authorOnly(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER -> 403;
            case FIRST -> 200;
            default -> 404;
        };
    }

    /** S (the recipient; a fresh one) may; F (the author) may not; to the rest it does not exist. */
    static int recipientOnly(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER -> 200;
            case FIRST -> 403;
            default -> 404;
        };
    }

    /** F (the intermediary; a fresh one) may; S (the requester) may not; to the rest, T2 included, it does not exist. */
    static int intermediaryOnly(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER -> 403;
            case FIRST -> 200;
            default -> 404;
        };
    }

    /** A conversation of S and F: theirs alone; to everyone else it does not exist. */
    static int onlyTheTwo(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER, FIRST -> 200;
            default -> 404;
        };
    }

    /** Followers and following lists: shown to whom S's settings show S's connections. */
    static int followLists(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case BLOCKED, BLOCKER -> 404;
            case OWNER -> 200;
            case FIRST -> s.connections() == ONLY_ME ? 403 : 200;
            case SECOND, STRANGER -> s.connections() == EVERYONE ? 200 : 403;
        };
    }

    /** Changing S's update: S may (a fresh one); a connection sees it but may not; to the rest it does not exist. */
    static int changePost(Role role, Settings s) {
        return switch (role) {
            case ANONYMOUS -> 401;
            case OWNER -> 200;
            case FIRST -> 403;
            case SECOND, STRANGER, BLOCKED, BLOCKER -> 404;
        };
    }

    /** S's export names S's connections; F's names F's (S among them). */
    static void exportNamesTheConnections(Cell c, Response r) {
        if (c.role == OWNER) {
            assertThat(r.rawText()).contains("Fern", "Hana");
        } else if (c.role == FIRST) {
            assertThat(r.rawText()).contains("Sasha");
        }
    }

    /** 401 without a token; {@code status} for S; 404 for everyone else (not their invitation). */
    static Status onlyTheOwner(int status) {
        return (role, s) -> switch (role) {
            case ANONYMOUS -> 401;
            case OWNER -> status;
            default -> 404;
        };
    }

    static Rule rule(String endpoint) {
        return new Rule(endpoint);
    }

    /** One row of the matrix: an endpoint, how to call it in a cell, and what each role must get. */
    static final class Rule {

        private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

        final String verb;
        final String path;
        Status status;
        Function<Cell, ApiIntegrationContract.Caller> as = Cell::caller;
        Function<Cell, Long> target;
        /** The id the second path variable names, for paths with two ({@code /groups/{id}/members/{memberId}}). */
        Function<Cell, Long> second;
        Function<Cell, String> query = c -> "";
        Function<Cell, Object> body = c -> null;
        Function<Cell, Set<Long>> shows = c -> Set.of();
        Function<Cell, Set<Long>> mayName = c -> Set.of();
        BiConsumer<Cell, Response> check = (c, r) -> { };
        Consumer<Cell> after = c -> { };
        Function<Cell, MockMultipartFile> file;
        MediaType accept;
        boolean oneWorldOnly;
        boolean aboutTheCaller;

        Rule(String endpoint) {
            String[] parts = endpoint.split(" ", 2);
            this.verb = parts[0];
            this.path = parts[1];
        }

        String endpoint() {
            return verb + " " + path;
        }

        Rule status(Status s) {
            this.status = s;
            return this;
        }

        /** Who sends the request (default: the cell's role, without a token for ANONYMOUS). */
        Rule as(Function<Cell, ApiIntegrationContract.Caller> f) {
            this.as = f;
            return this;
        }

        /** The id the path variable names. */
        Rule target(Function<Cell, Long> f) {
            this.target = f;
            return this;
        }

        /** The ids two path variables name, in order. */
        Rule targets(Function<Cell, Long> first, Function<Cell, Long> then) {
            this.target = first;
            this.second = then;
            return this;
        }

        Rule query(Function<Cell, String> f) {
            this.query = f;
            return this;
        }

        Rule body(Function<Cell, Object> f) {
            this.body = f;
            return this;
        }

        /** Members a successful answer must mention (so that a pass is not an empty answer). */
        Rule shows(Function<Cell, Set<Long>> f) {
            this.shows = f;
            return this;
        }

        /** Members otherwise hidden from the caller that this endpoint rightly names (my own block list). */
        Rule mayName(Function<Cell, Set<Long>> f) {
            this.mayName = f;
            return this;
        }

        /** More assertions on a successful answer. */
        Rule check(BiConsumer<Cell, Response> f) {
            this.check = f;
            return this;
        }

        /** Puts back what the call changed. */
        Rule after(Consumer<Cell> f) {
            this.after = f;
            return this;
        }

        /** Sends a multipart upload with this file instead of a JSON body. */
        Rule file(Function<Cell, MockMultipartFile> f) {
            this.file = f;
            return this;
        }

        /** Asks for this media type (with problem+json for errors) instead of JSON. */
        Rule accept(MediaType type) {
            this.accept = type;
            return this;
        }

        Rule inOneWorldOnly() {
            this.oneWorldOnly = true;
            return this;
        }

        /** The answer describes the caller's own account or profile (S's private texts may be the caller's too). */
        Rule aboutTheCaller() {
            this.aboutTheCaller = true;
            return this;
        }

        String concretePath(Cell c) {
            Matcher m = VARIABLE.matcher(path);
            if (!m.find()) {
                return path;
            }
            assertThat(target).as("%s names a path variable: give the rule a target", endpoint()).isNotNull();
            String filled = m.replaceFirst(Long.toString(target.apply(c)));
            if (second != null) {
                filled = VARIABLE.matcher(filled).replaceFirst(Long.toString(second.apply(c)));
            }
            assertThat(VARIABLE.matcher(filled).find()).as("%s has no path variable left unnamed", endpoint()).isFalse();
            return filled;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The tests.

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    BlockService blocks;
    @Autowired
    ProfileService profiles;
    @Autowired
    ProfileViewRecorder views;
    @Autowired
    ConnectionService connectionService;
    @Autowired
    NetworkService network;
    @Autowired
    PostService posts;
    @Autowired
    VipService vips;
    @Autowired
    FollowService follows;
    @Autowired
    ContactService contactService;
    @Autowired
    MessagingService messaging;
    @Autowired
    GroupService groupService;
    @Autowired
    EndorsementService endorsementService;
    @Autowired
    RecommendationService recommendationService;
    @Autowired
    IntroductionService introductionService;
    @Autowired
    org.rapport.server.photo.PhotoService photos;

    @Test
    void theMatrixHasARowForEveryApiEndpoint() {
        Set<String> mapped = apiEndpoints();
        Set<String> rows = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        for (Rule rule : MATRIX) {
            if (!rows.add(rule.endpoint())) {
                twice.add(rule.endpoint());
            }
        }
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(rows);
        Set<String> gone = new TreeSet<>(rows);
        gone.removeAll(mapped);

        assertThat(missing).as("API endpoints without a row in the authorization matrix: add a rule to "
                + "AuthorizationMatrixApiIntegrationTest.MATRIX saying what each role gets").isEmpty();
        assertThat(gone).as("rows of the authorization matrix whose endpoint the application no longer maps").isEmpty();
        assertThat(twice).as("endpoints with more than one row").isEmpty();
    }

    @Test
    void everyEndpointAnswersEveryRoleUnderEverySettingAsTheMatrixSays() {
        keepMemberIdsAboveTheFloor();
        Run run = new Run();
        long started = System.nanoTime();
        for (int i = 0; i < SETTINGS.size(); i++) {
            long t = System.nanoTime();
            World w = new World(SETTINGS.get(i));
            run.fixtureNanos += System.nanoTime() - t;
            for (Rule rule : MATRIX) {
                if (rule.oneWorldOnly && i > 0) {
                    continue;
                }
                for (Role role : Role.values()) {
                    run.cell(rule, new Cell(w, role));
                }
            }
        }
        run.report(System.nanoTime() - started);

        assertThat(run.failures).as("cells of the authorization matrix that answered otherwise").isEmpty();
    }

    /**
     * The owner's side of what the matrix asks of the blocked roles: S's invitations with members S
     * blocked or who blocked S, open or not when the block came, are not found by S either.
     */
    @Test
    void invitationsWithMembersHiddenByABlockAreNotFoundByTheOwnerEither() {
        World w = new World(SETTINGS.get(0));
        var owner = w.callers.get(OWNER);

        for (long sent : List.of(w.toBlocked, w.toBlocker)) {
            get(owner, "/invitations/" + sent).expectProblem(404);
            post(owner, "/invitations/" + sent + "/withdraw").expectProblem(404);
        }
        for (long received : List.of(w.fromBlockedPending, w.fromBlockerPending)) {
            get(owner, "/invitations/" + received).expectProblem(404);
            post(owner, "/invitations/" + received + "/accept").expectProblem(404);
            post(owner, "/invitations/" + received + "/ignore").expectProblem(404);
            post(owner, "/invitations/" + received + "/snooze").expectProblem(404);
        }
        assertThat(get(owner, "/invitations/" + w.sent).expect(200).body().path("recipient").path("id").asString())
                .isEqualTo(Long.toString(w.p1));
    }

    /** Every API endpoint the application maps, as "VERB /path" under /api/v1, with its path variables. */
    private Set<String> apiEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(API + "/")) {
                    continue;
                }
                // A mapping without a verb answers every verb, so it needs a row for each.
                var verbs = info.getMethodsCondition().getMethods();
                for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST,
                        RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE) : verbs) {
                    endpoints.add(verb.name() + " " + pattern.substring(API.length()));
                }
            }
        });
        return endpoints;
    }

    /**
     * Moves SQLite's id sequence for members past {@value #ID_FLOOR}, once per database: afterwards
     * every member id has six digits or more, which no count, limit, year or time of day in an
     * answer has, so a number or digit run equal to a hidden member's id is that member.
     */
    private void keepMemberIdsAboveTheFloor() {
        Member any = members.create("Floor", "Marker");
        if (any.id() < ID_FLOOR) {
            jdbc.sql("UPDATE sqlite_sequence SET seq = :floor WHERE name = 'members' AND seq < :floor")
                    .param("floor", ID_FLOOR).update();
        }
        assertThat(members.create("Floor", "Check").id()).as("member ids above the floor").isGreaterThan(ID_FLOOR);
    }

    /** Runs cells, keeps what failed, and counts. */
    private final class Run {

        final List<String> failures = new ArrayList<>();
        final Map<String, Map<Role, Set<Integer>>> answers = new TreeMap<>();
        final Set<Settings> worlds = new HashSet<>();
        final Map<String, Long> nanos = new TreeMap<>();
        long fixtureNanos;
        int cells;
        int requests;

        void cell(Rule rule, Cell c) {
            cells++;
            worlds.add(c.settings());
            String label = String.format(Locale.ROOT, "%s as %s with %s", rule.endpoint(), c.role, c.settings());
            long started = System.nanoTime();
            try {
                call(rule, c);
            } catch (AssertionError | RuntimeException e) {
                String message = String.valueOf(e.getMessage()).strip();
                failures.add(label + ": " + (message.length() > 1500 ? message.substring(0, 1500) + "…" : message));
            } finally {
                try {
                    rule.after.accept(c);
                    c.putBack();
                } catch (RuntimeException e) {
                    failures.add(label + ": putting the world back failed: " + e);
                }
                nanos.merge(rule.endpoint(), System.nanoTime() - started, Long::sum);
            }
        }

        private void call(Rule rule, Cell c) {
            var as = rule.as.apply(c);
            String query = rule.query.apply(c);
            String uri = API + rule.concretePath(c) + (query.isEmpty() ? "" : "?" + query);
            Response r;
            if (rule.file == null && rule.accept == null) {
                r = perform(as, MockMvcRequestBuilders.request(HttpMethod.valueOf(rule.verb), uri), rule.body.apply(c));
            } else {
                AbstractMockHttpServletRequestBuilder<?> request = rule.file == null
                        ? MockMvcRequestBuilders.request(HttpMethod.valueOf(rule.verb), uri)
                        : MockMvcRequestBuilders.multipart(HttpMethod.valueOf(rule.verb), uri).file(rule.file.apply(c));
                request.accept(rule.accept == null ? MediaType.APPLICATION_JSON : rule.accept,
                        MediaType.APPLICATION_PROBLEM_JSON);
                if (as != null) {
                    request.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
                }
                r = perform(request);
            }
            requests++;
            answers.computeIfAbsent(rule.endpoint(), k -> new EnumMap<>(Role.class))
                    .computeIfAbsent(c.role, k -> new TreeSet<>()).add(r.status());

            int expected = rule.status.of(c.role, c.settings());
            if (expected >= 400) {
                r.expectProblem(expected);
            } else {
                r.expect(expected);
            }

            // A CSV, a vCard or an event stream is searched for ids as one text.
            JsonNode body = r.rawText().isEmpty() ? null
                    : r.contentType() != null && r.contentType().contains("json") ? r.body()
                    : JsonNodeFactory.instance.stringNode(r.rawText());
            Set<Long> hidden = c.hidden();
            hidden.removeAll(rule.mayName.apply(c));
            assertThat(MentionedIds.find(body, hidden, Set.of("instance")))
                    .as("the answer names members hidden from %s (%s): %s", c.role, c.w.labels(hidden), r)
                    .isEmpty();
            if (!rule.aboutTheCaller && c.limited()) {
                for (String text : c.w.privateTexts) {
                    assertThat(r.rawText().toLowerCase(Locale.ROOT))
                            .as("S keeps their profile to their network; out of it, %s sees %s", c.role, r)
                            .doesNotContain(text.toLowerCase(Locale.ROOT));
                }
            }
            if (expected < 300 && body != null) {
                for (long shown : rule.shows.apply(c)) {
                    assertThat(MentionedIds.find(body, Set.of(shown), Set.of()))
                            .as("the answer shows %s: %s", c.w.labels(Set.of(shown)), r).isNotEmpty();
                }
                rule.check.accept(c, r);
            }
        }

        void report(long elapsed) {
            int endpoints = MATRIX.size();
            int roles = Role.values().length;
            int combinations = worlds.size();
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Authorization matrix: %d endpoints x %d roles x %d settings"
                            + " combinations = %d cells; %d cells run (%d endpoints in one combination only),"
                            + " %d requests; %d failures; fixtures %.1f s, total %.1f s%n",
                    endpoints, roles, combinations, endpoints * roles * combinations, cells,
                    MATRIX.stream().filter(r -> r.oneWorldOnly).count(), requests, failures.size(),
                    fixtureNanos / 1e9, elapsed / 1e9));
            out.append(String.format(Locale.ROOT, "%-40s", "statuses seen (all settings)"));
            for (Role role : Role.values()) {
                out.append(String.format(Locale.ROOT, " %-11s", role));
            }
            out.append(" ms (with setup)").append(System.lineSeparator());
            answers.forEach((endpoint, byRole) -> {
                out.append(String.format(Locale.ROOT, "%-40s", endpoint));
                for (Role role : Role.values()) {
                    Set<Integer> seen = byRole.getOrDefault(role, Set.of());
                    out.append(String.format(Locale.ROOT, " %-11s",
                            seen.stream().map(String::valueOf).collect(Collectors.joining("/"))));
                }
                out.append(String.format(Locale.ROOT, " %6d", nanos.getOrDefault(endpoint, 0L) / 1_000_000))
                        .append(System.lineSeparator());
            });
            System.out.print(out);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The fixture world and the cells.

    /** The members of one settings combination and what they did; see the class comment. */
    final class World {

        final Settings settings;
        final String surname;
        final List<String> privateTexts;
        final long s;
        final long f;
        final long m;
        final long t2;
        final long x;
        final long b;
        final long bb;
        final long h1;
        final long h2;
        final long p1;
        final long p2;
        final long x2;
        final long z;
        /** P2's pending invitation to S, and S's to P1. */
        final long received;
        final long sent;
        /** B's and BB's invitations to S, withdrawn; S's to B and to BB, cancelled by the blocks. */
        final long fromBlocked;
        final long fromBlocker;
        final long toBlocked;
        final long toBlocker;
        /** B3's and BB3's invitations to S, pending until the blocks cancelled them. */
        final long fromBlockedPending;
        final long fromBlockerPending;
        /** S's update for S's connections. */
        final long post;
        /** S's address book (X, H1, B, BB and someone not a member) and the contact not a member. */
        final long contactImport;
        final long outsider;
        /** S's conversation with F, and R's message request to S. */
        final long conversation;
        final long request;
        /** S's members-only group G (F a member, F's post in it), its requester Gus and banned Gil, and a word in its name. */
        final long group;
        final long groupPost;
        final long groupRequester;
        final long groupBanned;
        final String groupToken;
        /** S's skill (endorsed by F, M and H1), F's approved recommendation of S, S's request to F for an introduction to T2. */
        final String skill;
        final long recommendation;
        final long introduction;
        final Map<Long, Member> all = new HashMap<>();
        final Map<Long, String> names = new HashMap<>();
        final Map<Role, Member> roles = new EnumMap<>(Role.class);
        final Map<Role, ApiIntegrationContract.Caller> callers = new EnumMap<>(Role.class);
        /** Everyone S blocked or who blocked S, stand-ins included. */
        final Set<Long> hiddenFromSubject = new HashSet<>();
        /** The part S blocked: S's own block list names them. */
        final Set<Long> blockedBySubject = new HashSet<>();
        /** B, B2 and B3. */
        final Set<Long> blockedAtStart;

        World(Settings settings) {
            this.settings = settings;
            String token = letters(8);
            this.surname = "Subject" + token;
            // What S shows only to their network when the setting says so; the token keeps it to this world.
            String about = "About " + token + ": kept for the network";
            String company = "Umbra Works " + token; // X's company too
            String otherCompany = "Eclipse Partners " + token; // B's and BB's too
            String ownCompany = "Penumbra Labs " + token;
            String school = "Nocturne Academy " + token;
            String skill = "Cryptozoology " + token;
            String interest = "Lockpicking " + token;
            String handle = "sasha-" + token;
            this.privateTexts = List.of(about, company, otherCompany, ownCompany, school, skill, interest, handle);

            s = member("S", "Sasha", surname);
            profiles.update(s, new ProfileChanges(null, null, "Subject of the matrix", "Lisbon", "Research", about,
                    List.of(new Position(company, "Analyst", 2015, 2020),
                            new Position(otherCompany, "Adviser", 2015, 2020),
                            new Position(ownCompany, "Lead", 2020, null)),
                    List.of(new Education(school, "MSc", 2008, 2012)),
                    List.of(skill), List.of(interest), Map.of("github", handle)));
            f = member("F", "Fern", "First");
            m = member("M", "Mo", "Mutual");
            t2 = member("T2", "Tess", "Second");
            x = member("X", "Xan", "Stranger");
            b = member("B", "Bo", "Blocked");
            bb = member("BB", "Bea", "Blocker");
            long b2 = member("B2", "Bram", "Blocked");
            long bb2 = member("BB2", "Bree", "Blocker");
            long b3 = member("B3", "Basil", "Blocked");
            long bb3 = member("BB3", "Bess", "Blocker");
            h1 = member("H1", "Hal", "Hidden");
            h2 = member("H2", "Hana", "Hidden");
            p1 = member("P1", "Pia", "Invited");
            p2 = member("P2", "Per", "Inviting");
            x2 = member("X2", "Xia", "Viewer");
            z = member("Z", "Zed", "Viewed");
            worked(x, company);
            worked(b, otherCompany);
            worked(bb, otherCompany);

            link(s, f);
            link(s, m);
            link(f, m);
            link(f, t2);
            // B and BB each withdrew an invitation to S, then had one from S pending at the block.
            fromBlocked = invitations.invite(b, s, null).invitation().id();
            invitations.withdraw(b, fromBlocked);
            toBlocked = invitations.invite(s, b, null).invitation().id();
            fromBlocker = invitations.invite(bb, s, null).invitation().id();
            invitations.withdraw(bb, fromBlocker);
            toBlocker = invitations.invite(s, bb, null).invitation().id();
            // S withdrew an invitation to B2 and BB2, then connected with them; B3 and BB3 invited S.
            invitations.withdraw(s, invitations.invite(s, b2, null).invitation().id());
            link(b2, s);
            invitations.withdraw(s, invitations.invite(s, bb2, null).invitation().id());
            link(bb2, s);
            fromBlockedPending = invitations.invite(b3, s, null).invitation().id();
            fromBlockerPending = invitations.invite(bb3, s, null).invitation().id();
            for (long viewer : List.of(b, bb, b2, bb2, f, x2)) {
                views.record(viewer, s);
            }
            views.record(s, b);
            views.record(s, bb);
            views.record(x2, b);
            views.record(x2, bb);
            views.record(x2, z);
            awaitViews(List.of(s, b, bb, z), 11);
            blockedAtStart = Set.of(b, b2, b3);
            for (long other : blockedAtStart) {
                blocks.block(s, other);
                blockedBySubject.add(other);
                hiddenFromSubject.add(other);
            }
            for (long other : List.of(bb, bb2, bb3)) {
                blocks.block(other, s);
                hiddenFromSubject.add(other);
            }
            // H1 and H2 last, a moment later: S's newest connections.
            clock.advance(Duration.ofSeconds(1));
            link(s, h1);
            clock.advance(Duration.ofSeconds(1));
            link(h2, s);
            sent = invitations.invite(s, p1, null).invitation().id();
            received = invitations.invite(p2, s, null).invitation().id();
            post = posts.create(s, "Sasha's update for the network", "CONNECTIONS").id();
            vips.replace(s, List.of(h1));
            String book = String.join("\n", all.get(x).email(), all.get(h1).email(), all.get(b).email(),
                    all.get(bb).email(), "outsider." + token + "@example.net") + "\n";
            contactImport = contactService.importNow(s, "addresses.txt", book.getBytes(StandardCharsets.UTF_8)).row().id();
            outsider = contactService.contacts(s, false, PageRequest.of(10, null)).items().get(0).id();
            privacy.update(s, settings.changes());
            photos.upload(s, MATRIX_PHOTO);

            conversation = messaging.start(f, s, "Hello Sasha, it is Fern").conversation().id();
            messaging.send(s, conversation, "Hello Fern");
            request = requestTo(member("R", "Rhea", "Requester"));

            groupToken = "Guild" + token;
            group = groupService.create(s, new GroupChanges("Matrix " + groupToken, "A members-only group", "",
                    "MEMBERS_ONLY", true, false)).group().id();
            groupService.join(f, group);
            groupService.approve(s, group, f);
            groupPost = groupService.write(f, group, "Fern's post in the group").id();
            groupRequester = member("GR", "Gus", "Asker");
            groupService.join(groupRequester, group);
            groupBanned = member("GB", "Gil", "Banned");
            groupService.ban(s, group, groupBanned);
            this.skill = skill;
            for (long endorser : List.of(f, m, h1)) {
                endorsementService.endorse(endorser, s, skill);
            }
            recommendation = recommendationService.write(f, s, 0, "Sasha is a careful analyst.").id();
            recommendationService.approve(s, recommendation);
            introduction = introductionService.request(s, f, t2, "Tess and I work in the same field.").id();

            Map<Role, Long> cast = Map.of(OWNER, s, FIRST, f, SECOND, t2, STRANGER, x, BLOCKED, b, BLOCKER, bb);
            cast.forEach((role, id) -> {
                roles.put(role, all.get(id));
                callers.put(role, signIn(all.get(id)));
            });
        }

        /**
         * Writes the queued views and waits until all are stored: the recorder's writer thread may
         * hold one it took from the queue before the flush.
         */
        private void awaitViews(List<Long> viewed, long rows) {
            views.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (jdbc.sql("SELECT count(*) FROM profile_views WHERE viewed_id IN (:viewed)")
                    .param("viewed", viewed).query(Long.class).single() < rows) {
                assertThat(System.nanoTime()).as("profile views stored within 10 s").isLessThan(deadline);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** A position at {@code company} overlapping S's years there: a colleague suggestion either way. */
        private void worked(long member, String company) {
            profiles.update(member, new ProfileChanges(null, null, null, null, null, null,
                    List.of(new Position(company, "Clerk", 2016, 2019)), null, null, null, null));
        }

        private long member(String label, String first, String last) {
            Member made = members.create(first, last);
            all.put(made.id(), made);
            names.put(made.id(), label);
            return made.id();
        }

        private void link(long a, long b) {
            connect(all.get(a), all.get(b));
        }

        /** A message request from {@code from} to S: S takes messages from anyone for the moment it takes. */
        long requestTo(long from) {
            privacy.update(s, new PrivacyChanges(null, null, null, null, null, null, null, null, null, "ANYONE"));
            long id = messaging.start(from, s, "A message request for the matrix").conversation().id();
            privacy.update(s, new PrivacyChanges(null, null, null, null, null, null, null, null, null, "CONNECTIONS"));
            return id;
        }

        /** S's connections as the world was built (stand-ins come and go). */
        Set<Long> subjectsConnections() {
            return Set.of(f, m, h1, h2);
        }

        /** Members a role knows without S's list: themselves, their connections, their connections' connections. */
        Set<Long> knownWithoutTheList(Role role) {
            return switch (role) {
                case FIRST -> Set.of(f, m);
                case SECOND -> Set.of(t2, f, m);
                default -> Set.of();
            };
        }

        /** Puts a member made for one call back to no relation with S (blocks stay: they are in the hidden sets). */
        void putBack(long other) {
            try {
                if (network.areConnected(s, other)) {
                    connectionService.remove(s, other);
                }
                InvitationRelation open = invitations.relation(other, s);
                if (open.kind() == InvitationRelation.Kind.SENT) {
                    invitations.withdraw(other, open.invitationId());
                } else if (open.kind() == InvitationRelation.Kind.RECEIVED) {
                    invitations.withdraw(s, open.invitationId());
                }
            } catch (RapportException gone) {
                // deleted by the call, or nothing left to undo
            }
        }

        String labels(Set<Long> ids) {
            return ids.stream().sorted().map(id -> names.getOrDefault(id, "member") + "=" + id)
                    .collect(Collectors.joining(", "));
        }
    }

    /** One role calling in one world. */
    final class Cell {

        final World w;
        final Role role;
        private Member standIn;
        private final List<Long> counterparts = new ArrayList<>();

        Cell(World w, Role role) {
            this.w = w;
            this.role = role;
        }

        Settings settings() {
            return w.settings;
        }

        /** The role's member; S for ANONYMOUS (whose credentials an anonymous caller may hold). */
        Member self() {
            return role == ANONYMOUS ? w.all.get(w.s) : w.roles.get(role);
        }

        /** The role's member with their token; null for ANONYMOUS. */
        ApiIntegrationContract.Caller caller() {
            return w.callers.get(role);
        }

        /** The role's member with a token of its own, for a call that revokes it. */
        ApiIntegrationContract.Caller freshToken() {
            return role == ANONYMOUS ? null : signIn(self());
        }

        /** A new member in the role's relation to S, for a call that changes or ends that relation. */
        ApiIntegrationContract.Caller standIn() {
            if (role == ANONYMOUS) {
                return null;
            }
            standIn = members.create("Stan", "Standin" + role.name().toLowerCase(Locale.ROOT));
            long id = standIn.id();
            w.all.put(id, standIn);
            w.names.put(id, "stand-in " + role);
            switch (role) {
                case OWNER, SECOND -> connect(w.all.get(w.f), standIn);
                case FIRST -> connect(standIn, w.all.get(w.s));
                case BLOCKED -> {
                    blocks.block(w.s, id);
                    w.blockedBySubject.add(id);
                    w.hiddenFromSubject.add(id);
                }
                case BLOCKER -> {
                    blocks.block(id, w.s);
                    w.hiddenFromSubject.add(id);
                }
                default -> { }
            }
            return signIn(standIn);
        }

        ApiIntegrationContract.Caller standInIf(Role... roles) {
            return List.of(roles).contains(role) ? standIn() : caller();
        }

        /**
         * An invitation of S's for this role to open or answer: P2's to S (not theirs); for either
         * side of a block, S's invitation to them, which they received and the block cancelled.
         */
        long invitationToAnswer() {
            return switch (role) {
                case BLOCKED -> w.toBlocked;
                case BLOCKER -> w.toBlocker;
                default -> w.received;
            };
        }

        /**
         * An invitation of S's for this role to withdraw: S's to P1 (not theirs); for either side of a
         * block, the one they had sent S and withdrew before the block.
         */
        long invitationToWithdraw() {
            return switch (role) {
                case BLOCKED -> w.fromBlocked;
                case BLOCKER -> w.fromBlocker;
                default -> w.sent;
            };
        }

        /** A new invitation to S from a new member. */
        long freshReceived() {
            Member q = members.create("Quinn", "Counterpart");
            counterparts.add(q.id());
            return invitations.invite(q.id(), w.s, null).invitation().id();
        }

        /** A new invitation from S to a new member. */
        long freshSent() {
            Member q = members.create("Quinn", "Counterpart");
            counterparts.add(q.id());
            return invitations.invite(w.s, q.id(), null).invitation().id();
        }

        /** Whether S's settings let this role see S's whole connection list. */
        boolean seesConnections() {
            return switch (role) {
                case OWNER -> true;
                case FIRST -> settings().connections() != ONLY_ME;
                case SECOND, STRANGER -> settings().connections() == EVERYONE;
                case ANONYMOUS, BLOCKED, BLOCKER -> false;
            };
        }

        /** Whether the role sees S's limited profile: out of S's network, which S keeps it to. */
        boolean limited() {
            return role == STRANGER && settings().profile() == ProfileVisibility.NETWORK;
        }

        /** Members no answer to this role may name. */
        Set<Long> hidden() {
            Set<Long> hidden = new HashSet<>();
            switch (role) {
                case OWNER -> hidden.addAll(w.hiddenFromSubject);
                case BLOCKED, BLOCKER -> {
                    hidden.add(w.s);
                    hidden.addAll(w.subjectsConnections());
                }
                default -> {
                    if (!seesConnections()) {
                        hidden.addAll(w.subjectsConnections());
                        hidden.removeAll(w.knownWithoutTheList(role));
                    }
                }
            }
            return hidden;
        }

        /** The members on my own block list: whom S blocked for S (stand-ins too), S for the member who blocked S. */
        Set<Long> ownBlocks() {
            return switch (role) {
                case OWNER -> Set.copyOf(w.blockedBySubject);
                case BLOCKER -> Set.of(w.s);
                default -> Set.of();
            };
        }

        /** A new update of S's, for S to change. */
        long freshPost() {
            return posts.create(w.s, "Another update of Sasha's", "CONNECTIONS").id();
        }

        /** A new message request to S from a new member, for S to answer. */
        long freshRequest() {
            Member q = members.create("Quinn", "Counterpart");
            counterparts.add(q.id());
            return w.requestTo(q.id());
        }

        /** A new member asking to join G. */
        long freshGroupRequester() {
            Member q = members.create("Gwen", "Asker");
            groupService.join(q.id(), w.group);
            return q.id();
        }

        /** A new member of G (asked, and S approved). */
        long freshGroupMember() {
            long q = freshGroupRequester();
            groupService.approve(w.s, w.group, q);
            return q;
        }

        /** A new member S banned from G. */
        long freshGroupBan() {
            Member q = members.create("Gale", "Banned");
            groupService.ban(w.s, w.group, q.id());
            return q.id();
        }

        /** A new public group of S's that F joined, for S to hand over. */
        long freshGroup() {
            long g = groupService.create(w.s, new GroupChanges("Handover " + letters(6), null, null, null, null, null))
                    .group().id();
            groupService.join(w.f, g);
            return g;
        }

        /** A new post in G by the caller (S or F), for them to delete. */
        long freshGroupPost() {
            return groupService.write(self().id(), w.group, "A post to delete").id();
        }

        /** Whoever asked to join G in the call withdraws again (members stay members). */
        void withdrawGroupRequest() {
            if (role != ANONYMOUS && role != OWNER && role != FIRST) {
                groupService.leave(self().id(), w.group);
            }
        }

        /** M, invited to G in the call, is not invited any more. */
        void withdrawGroupInvitation() {
            jdbc.sql("DELETE FROM group_invitations WHERE group_id = :g AND member_id = :m")
                    .param("g", w.group).param("m", w.m).update();
        }

        /** A new import of S's, for S to delete. */
        long freshImport() {
            return contactService.importNow(w.s, "one.txt", ("one." + letters(6) + "@example.net\n")
                    .getBytes(StandardCharsets.UTF_8)).row().id();
        }

        /** A recommendation of S by a new connection Q, in the given state. */
        long freshRecommendation(String state) {
            Member q = members.create("Quinn", "Recommender");
            counterparts.add(q.id());
            connect(q, w.all.get(w.s));
            long id = recommendationService.write(q.id(), w.s, 0, "A recommendation for the matrix").id();
            RecommendationStatus status = RecommendationStatus.valueOf(state);
            if (status == RecommendationStatus.APPROVED || status == RecommendationStatus.HIDDEN) {
                recommendationService.approve(w.s, id);
            }
            if (status == RecommendationStatus.HIDDEN) {
                recommendationService.hide(w.s, id);
            }
            return id;
        }

        /** A new connection Q's request that S recommend them. */
        long freshRecommendationRequest() {
            Member q = members.create("Quinn", "Asker");
            counterparts.add(q.id());
            profiles.update(q.id(), new ProfileChanges(null, null, null, null, null, null,
                    List.of(new Position("Quinn Co " + letters(6), "Owner", 2020, null)), null, null, null, null));
            connect(q, w.all.get(w.s));
            return recommendationService.request(q.id(), w.s, 0, "Would you recommend me?").id();
        }

        /** S's request to F for an introduction to a new connection of F's. */
        long freshIntroduction() {
            Member q = members.create("Quinn", "Target");
            counterparts.add(q.id());
            connect(w.all.get(w.f), q);
            return introductionService.request(w.s, w.f, q.id(), "An introduction for the matrix").id();
        }

        /** S hid F's endorsement for the call: shown again. */
        void showFernsEndorsement() {
            if (role == OWNER) {
                endorsementService.setHidden(w.s, w.f, w.skill, false);
            }
        }

        /** F's edit sent the recommendation back for approval: S approves it again. */
        void approveFernsRecommendation() {
            if (role == FIRST) {
                recommendationService.approve(w.s, w.recommendation);
            }
        }

        /** Members who followed S for the call stop again (S's connections follow S anyway). */
        void stopFollowingSubject() {
            if (role == SECOND || role == STRANGER) {
                follows.unfollow(self().id(), w.s);
            }
        }

        /** S's photo again, after S replaced or removed it. */
        void restoreSubjectsPhoto() {
            if (role == OWNER) {
                photos.upload(w.s, MATRIX_PHOTO);
            }
        }

        void unpinSubject() {
            if (role == FIRST) {
                vips.unpin(self().id(), w.s);
            }
        }

        /** Deletes the updates the call shared (S's own update stays). */
        void deleteCallersNewPosts() {
            if (role == ANONYMOUS) {
                return;
            }
            long me = self().id();
            for (long id : jdbc.sql("SELECT id FROM posts WHERE author_id = :me").param("me", me).query(Long.class).list()) {
                if (id != w.post) {
                    posts.delete(me, id);
                }
            }
        }

        void undoDismissal() {
            jdbc.sql("DELETE FROM suggestion_dismissals WHERE member_id = :me AND dismissed_id = :s")
                    .param("me", self().id()).param("s", w.s).update();
        }

        /** A stand-in who blocked S is now hidden from S. */
        void standInBlockedSubject() {
            if (standIn != null) {
                w.hiddenFromSubject.add(standIn.id());
            }
        }

        /** The stand-in blocker unblocked S; blocks again, so that the world stays as it was. */
        void standInBlocksSubjectAgain() {
            if (standIn != null) {
                blocks.block(standIn.id(), w.s);
            }
        }

        void putBack() {
            if (standIn != null) {
                w.putBack(standIn.id());
            }
            counterparts.forEach(w::putBack);
        }
    }

    private static String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }
}
