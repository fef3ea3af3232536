package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.credibility.IntroductionService;
import org.rapport.server.credibility.RecommendationService;
import org.rapport.server.feed.PostService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.RawHttp;
import org.rapport.server.support.TestMembers;
import org.rapport.server.system.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input suite (issues 8 and 19), over a real socket to the server on its random port,
 * so that what the servlet container itself refuses (an invalid URI, a request head past its
 * limit) is judged too, on SQLite and on PostgreSQL.
 *
 * <p>Two parts. Named cases, each a request the issue 19 fuzzer once answered with a 500 or an
 * HTML page: invalid UTF-8 in a query string, lone surrogates, NUL in stored text and in an
 * uploaded file's name, {@code %2F} and {@code %00} in a path, a 10,000-character query string,
 * bidirectional overrides in names, ids that are not canonical ASCII digits, numbers and
 * booleans for string fields. Then the fuzzer: every operation of the OpenAPI document under
 * {@code /api/v1}, one bad input at a time, the others plausible, with path variables naming the
 * caller's real things (an invitation, an update, a group and its post, a conversation, a
 * recommendation, an introduction, a contact import and a contact).
 *
 * <p>Every answer must be below 500; every refusal an RFC 9457 problem; and a refused request
 * must change nothing: a hash of every row of every table is compared before and after.
 */
abstract class HostileInputApiContract extends ApiIntegrationContract {

    /** Operations that end the caller's account or token: they take no input to be hostile with. */
    private static final Set<String> SKIPPED = Set.of("DELETE /me", "DELETE /tokens/current");

    /** Tables written apart from the request (views in batches, imports in the background). */
    private static final Set<String> BACKGROUND_TABLES = Set.of("profile_views", "contact_imports", "contacts",
            "flyway_schema_history");

    private static final List<String> HOSTILE_SCALARS = List.of(
            "abc", "-1", "0", "1.5", "1e3", "99999999999999999999", "0x10", " ", "", "null", "true",
            "9".repeat(4_000), "' OR '1'='1' --", "1; DROP TABLE members", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "../../../../etc/passwd", "\u202egnp.exe", "😀👩‍💻",
            "e\u0301\u0301\u0301", "\u00a0\u2028\u2029", "A\u0000B", "%00", "%", "\\", "\u0661", "\uff11", "+1",
            "0001", "a/b");

    /** Sent as they are, not encoded: escapes no encoder would produce. */
    private static final List<String> RAW_SCALARS = List.of("%FF", "%C3", "%ED%A0%80", "%00", "%2F", "%2e%2e");

    private static final List<String> RAW_BODIES = List.of(
            "", "{", "}", "[]", "null", "\"text\"", "42", "true", "{\"a\":", "{'single': 'quotes'}",
            "{\"a\":1,\"a\":2}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"x\":" + "{\"x\":".repeat(2_000) + "1" + "}".repeat(2_001),
            "\uFEFF{}", "{\"text\":\"\\ud800\"}", "{\"text\":\"" + "é".repeat(300_000) + "\"}");

    private static final List<Object> HOSTILE_VALUES = hostileValues();

    private static List<Object> hostileValues() {
        List<Object> values = new ArrayList<>();
        values.add(12345);
        values.add(-1);
        values.add(1.0e308);
        values.add(true);
        values.add(List.of());
        values.add(List.of("a", 1, List.of()));
        values.add(Map.of("nested", Map.of("deeper", "x")));
        values.add(null);
        values.add("x".repeat(100_000));
        values.add("\u0000\u0001\u0007\u001b[31m");
        values.add("a\u0000b");
        values.add("\ud800");
        values.add("x\udc00y");
        values.add("\u202eevil\u202c");
        values.add("' OR 1=1; --");
        values.add("<img src=x onerror=alert(1)>");
        values.add("${jndi:ldap://127.0.0.1/x}");
        values.add("😀".repeat(1_000));
        values.add("   ");
        values.add("");
        return values;
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    PostService posts;
    @Autowired
    ContactService contacts;
    @Autowired
    GroupService groups;
    @Autowired
    MessagingService messaging;
    @Autowired
    RecommendationService recommendations;
    @Autowired
    IntroductionService introductions;
    @Autowired
    ProfileService profiles;

    RawHttp http;
    JsonMapper asciiJson;

    @BeforeEach
    void socket() {
        http = new RawHttp(port);
    }

    // ---- named cases ------------------------------------------------------------------------

    @Test
    void invalidUtf8InAQueryStringIsABadRequestProblem() {
        Caller me = caller("Utf", "Query");
        for (String target : List.of("/members?q=%FF", "/members?q=%C3", "/members?q=ab%ED%A0%80",
                "/members/" + me.key() + "/connections?q=%FF", "/feed?cursor=%FE%FF")) {
            RawHttp.Reply r = fetch(me, API + target);
            assertProblem(r, target, 400);
        }
    }

    @Test
    void aLoneSurrogateInAPasswordIsRefusedAtSignUpAndSignIn() {
        Member m = members.create("Lone", "Surrogate");
        for (String escaped : List.of("\\ud800", "\\udfff", "a long pass\\ud83dword")) {
            RawHttp.Reply up = postJson(null, API + "/accounts", "{\"email\":\"" + unique("lone")
                    + "\",\"password\":\"a long enough " + escaped + "\",\"name\":\"Lone Surrogate\"}");
            assertProblem(up, "sign-up with " + escaped, 400);
            assertThat(up.text()).contains("password");
            RawHttp.Reply in = postJson(null, API + "/tokens", "{\"email\":\"" + m.email()
                    + "\",\"password\":\"" + TestMembers.PASSWORD + escaped + "\"}");
            assertProblem(in, "sign-in with " + escaped, 400);
        }
        // Bytes that are not UTF-8 at all (a surrogate encoded as CESU-8) are malformed JSON.
        byte[] cesu = concat("{\"email\":\"x@example.org\",\"password\":\"abc".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(http.send("POST", API + "/tokens", jsonHeaders(null), cesu), "CESU-8 password", 400);
    }

    @Test
    void namesRefuseLoneSurrogatesAndBidirectionalOverrides() {
        for (String name : List.of("Eve \\u202eevil", "Eve \\u2067x\\u2069", "Eve \\ud800", "Eve \\u202dMallory")) {
            RawHttp.Reply r = postJson(null, API + "/accounts", "{\"email\":\"" + unique("bidi")
                    + "\",\"password\":\"" + TestMembers.PASSWORD + "\",\"name\":\"" + name + "\"}");
            assertProblem(r, "name " + name, 400);
            assertThat(fields(r)).as(r.toString()).containsAnyOf("name", "firstName", "lastName");
        }
        Caller me = caller("Bidi", "Owner");
        RawHttp.Reply group = postJson(me, API + "/groups", "{\"name\":\"Club \\u202egnp.exe\"}");
        assertProblem(group, "group name with an override", 400);
        RawHttp.Reply headline = send(me, "PATCH", API + "/me/profile", "{\"headline\":\"x\\udc00y\"}");
        assertProblem(headline, "headline with a lone surrogate", 400);
    }

    @Test
    void aNulInStoredTextIsRefused() {
        Caller me = caller("Nul", "Poster");
        long post = posts.create(me.id(), "A plain update", "ANYONE").id();
        assertProblem(postJson(me, API + "/posts", "{\"text\":\"a\\u0000b\",\"visibility\":\"ANYONE\"}"), "POST /posts", 400);
        assertProblem(send(me, "PATCH", API + "/posts/" + post, "{\"text\":\"a\\u0000b\"}"), "PATCH /posts", 400);
        assertProblem(send(me, "PATCH", API + "/me/profile", "{\"headline\":\"a\\u0000b\"}"), "PATCH /me/profile", 400);
        assertProblem(postJson(me, API + "/groups", "{\"name\":\"Nul\\u0000Club\"}"), "POST /groups", 400);
        assertThat(posts.create(me.id(), "Still fine", "ANYONE").body()).isEqualTo("Still fine");
    }

    @Test
    void aNulInAnUploadedFileNameIsNoError() {
        Caller me = caller("Nul", "Uploader");
        String boundary = "b" + System.nanoTime();
        byte[] body = concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a")
                        .getBytes(StandardCharsets.UTF_8), new byte[] {0},
                (".csv\"\r\nContent-Type: text/csv\r\n\r\nEmail\r\nnul.name@example.net\r\n--" + boundary + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(authHeaders(me));
        headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        RawHttp.Reply r = http.send("POST", API + "/contacts/imports", headers, body);
        assertThat(r.status()).as(r.toString()).isIn(202, 400);
        if (r.status() == 400) {
            assertProblem(r, "NUL file name", 400);
        } else {
            assertThat(r.text()).doesNotContain("\\u0000");
        }
    }

    @Test
    void anEncodedSlashOrNulInAPathIsAProblem() {
        Caller me = caller("Slash", "Path");
        for (String target : List.of("/members/1%2F2", "/members/%2F", "/members/%00", "/members/1%00",
                "/posts/%2e%2e%2Fmembers", "/members/" + me.key() + "%5C", "/members/%C0%AF")) {
            RawHttp.Reply r = fetch(me, API + target);
            assertThat(r.status()).as(target + ": " + r).isIn(400, 404);
            assertProblem(r, target, r.status());
        }
    }

    @Test
    void longQueryStringsAreAnsweredAsProblems() {
        Caller me = caller("Long", "Query");
        RawHttp.Reply tenThousand = fetch(me, API + "/members?q=" + "x".repeat(10_000));
        assertThat(tenThousand.status()).as(tenThousand.toString()).isIn(200, 400);
        if (tenThousand.status() == 400) {
            assertProblem(tenThousand, "10,000 characters", 400);
        }
        // Past server.max-http-request-header-size (32 KB) Tomcat cannot read the request line and
        // answers a bare 400 before any valve runs: no body, and above all no HTML page.
        RawHttp.Reply huge = fetch(me, API + "/members?q=" + "x".repeat(200_000));
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        if (!huge.text().isEmpty()) {
            assertProblem(huge, "200,000 characters", 400);
        }
        RawHttp.Reply longHeader = http.send("GET", API + "/members?q=x", Map.of("Authorization", "Bearer " + me.token(),
                "Accept", "application/json", "X-Padding", "p".repeat(40_000)), null);
        assertThat(longHeader.status()).as(longHeader.toString()).isEqualTo(400);
        assertThat(longHeader.contentType()).as(longHeader.toString()).doesNotContain("html");
    }

    @Test
    void idsInPathsAreOnlyCanonicalAsciiDigits() {
        Caller me = caller("Canonical", "Ids");
        Member other = members.create("Plain", "Other");
        String id = Long.toString(other.id());
        assertThat(fetch(me, API + "/members/" + id).status()).isEqualTo(200);
        String arabicIndic = id.chars().mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0')))).collect(Collectors.joining());
        String fullWidth = id.chars().mapToObj(c -> String.valueOf((char) ('\uff10' + (c - '0')))).collect(Collectors.joining());
        for (String bad : List.of(arabicIndic, fullWidth, "+" + id, "000" + id, " " + id, id + ".0")) {
            RawHttp.Reply r = fetch(me, API + "/members/" + pathSegment(bad));
            assertThat(r.status()).as("/members/%s: %s", bad, r).isIn(400, 404);
            assertProblem(r, bad, r.status());
        }
        assertThat(fetch(me, API + "/members/" + id + "/connections?limit=%D9%A1").status()).isEqualTo(400);
    }

    @Test
    void stringFieldsRefuseNumbersAndBooleans() {
        Caller me = caller("Strict", "Types");
        for (String value : List.of("123", "true", "1.5", "{}", "[\"a\"]")) {
            RawHttp.Reply r = postJson(me, API + "/posts", "{\"text\":" + value + ",\"visibility\":\"ANYONE\"}");
            assertProblem(r, "text=" + value, 400);
            assertThat(fields(r)).as(r.toString()).contains("text");
            RawHttp.Reply p = send(me, "PATCH", API + "/me/profile", "{\"headline\":" + value + "}");
            assertProblem(p, "headline=" + value, 400);
        }
        RawHttp.Reply skills = send(me, "PATCH", API + "/me/profile", "{\"skills\":[1, true]}");
        assertProblem(skills, "skills as numbers", 400);
    }

    // ---- the fuzzer -------------------------------------------------------------------------

    @Test
    void everyOperationRefusesBadInputWithAProblemAndChangesNothing() {
        RawHttp.Reply docReply = http.send("GET", "/v3/api-docs", Map.of("Accept", "application/json"), null);
        assertThat(docReply.status()).isEqualTo(200);
        JsonNode doc = json.readTree(docReply.text());
        Fixture f = new Fixture();
        Run run = new Run(f);
        for (var path : doc.path("paths").properties()) {
            if (!path.getKey().startsWith(API + "/")) {
                continue;
            }
            for (var op : path.getValue().properties()) {
                String verb = op.getKey().toUpperCase(Locale.ROOT);
                String template = path.getKey().substring(API.length());
                if (SKIPPED.contains(verb + " " + template)
                        || !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)
                        || template.endsWith("/stream")) {
                    continue;
                }
                run.operation(doc, verb, template, op.getValue());
            }
        }
        run.report();
        assertThat(run.operations).as("operations exercised").isGreaterThan(100);
        assertThat(run.failures).as("hostile requests answered badly").isEmpty();
    }

    /** The caller and the things of theirs that path variables can name. */
    private final class Fixture {

        final Caller caller;
        final Member other;
        final long received;
        final long post;
        final long contactImport;
        final long contact;
        final long group;
        final long groupPost;
        final long conversation;
        final long recommendation;
        final long introduction;

        Fixture() {
            caller = caller("Hostile", "Caller");
            other = members.create("Plain", "Connection");
            connect(caller.member(), other);
            Member target = members.create("Distant", "Target");
            connect(other, target);
            Member inviter = members.create("Pending", "Inviter");
            received = invitations.invite(inviter.id(), caller.member().id(), null).invitation().id();
            post = posts.create(caller.member().id(), "A plain update", "ANYONE").id();
            contactImport = contacts.importNow(caller.member().id(), "book.txt",
                    "someone.plain@example.net\n".getBytes(StandardCharsets.UTF_8)).row().id();
            contact = contacts.contacts(caller.member().id(), false, PageRequest.of(10, null)).items().get(0).id();
            group = groups.create(caller.member().id(), new GroupChanges("Hostile club " + System.nanoTime(), "About",
                    "Rules", "PUBLIC", true, false)).group().id();
            groupPost = groups.write(caller.member().id(), group, "A plain group post").id();
            conversation = messaging.start(caller.member().id(), other.id(), "Hello").conversation().conversation().id();
            profiles.update(caller.member().id(), new ProfileChanges(null, null, null, null, null, null,
                    List.of(new Position("Acme", "Engineer", 2020, null)), null, null, null, null));
            recommendation = recommendations.write(other.id(), caller.member().id(), null, "A plain recommendation").id();
            introduction = introductions.request(caller.member().id(), other.id(), target.id(), "We share a field").id();
        }

        /** A plausible value for a path variable of {@code template}: something of the caller's it names. */
        String pathValue(String template, String variable) {
            long id;
            if (template.startsWith("/groups/")) {
                id = variable.equals("id") ? group : variable.equals("postId") ? groupPost : other.id();
            } else if (template.startsWith("/invitations/")) {
                id = received;
            } else if (template.startsWith("/posts/")) {
                id = post;
            } else if (template.startsWith("/contacts/imports/")) {
                id = contactImport;
            } else if (template.startsWith("/contacts/")) {
                id = contact;
            } else if (template.startsWith("/conversations/")) {
                id = conversation;
            } else if (template.startsWith("/recommendations/")) {
                id = recommendation;
            } else if (template.startsWith("/introductions/")) {
                id = introduction;
            } else {
                id = other.id();
            }
            return Long.toString(id);
        }
    }

    /** Sends the variants of each operation and keeps what went wrong. */
    private final class Run {

        final Fixture f;
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        /** The state after the last refused request, or null when it must be read again. */
        Map<String, String> current;
        int operations;
        int requests;

        Run(Fixture f) {
            this.f = f;
        }

        void operation(JsonNode doc, String verb, String template, JsonNode op) {
            operations++;
            Map<String, String> pathVars = new LinkedHashMap<>();
            List<String> queryParams = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                String name = p.path("name").asString();
                switch (p.path("in").asString()) {
                    case "path" -> pathVars.put(name, f.pathValue(template, name));
                    case "query" -> queryParams.add(name);
                    default -> { }
                }
            }
            JsonNode content = op.path("requestBody").path("content");
            boolean multipart = content.has("multipart/form-data");
            boolean json = !content.path("application/json").isMissingNode();
            JsonNode schema = resolve(doc, content.path("application/json").path("schema"));
            Map<String, Object> plausible = json ? plausibleBody(doc, schema) : null;
            String plausibleJson = json ? ApiJson.write(HostileInputApiContract.this, plausible) : null;

            for (String variable : pathVars.keySet()) {
                for (String bad : HOSTILE_SCALARS) {
                    Map<String, String> vars = new LinkedHashMap<>(pathVars);
                    vars.put(variable, pathSegment(bad));
                    send(verb, target(template, vars, ""), plausibleJson, variable + "=" + shorten(bad));
                }
                for (String raw : RAW_SCALARS) {
                    Map<String, String> vars = new LinkedHashMap<>(pathVars);
                    vars.put(variable, raw);
                    send(verb, target(template, vars, ""), plausibleJson, variable + "=" + raw + " (raw)");
                }
            }
            for (String param : queryParams) {
                for (String bad : HOSTILE_SCALARS) {
                    send(verb, target(template, pathVars, param + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8)),
                            plausibleJson, param + "=" + shorten(bad));
                }
                for (String raw : RAW_SCALARS) {
                    send(verb, target(template, pathVars, param + "=" + raw), plausibleJson, param + "=" + raw + " (raw)");
                }
                send(verb, target(template, pathVars, param + "=" + "x".repeat(10_000)), plausibleJson,
                        param + " of 10,000 characters");
            }
            if (json) {
                for (String raw : RAW_BODIES) {
                    send(verb, target(template, pathVars, ""), raw, "body " + shorten(raw));
                }
                send(verb, target(template, pathVars, ""), "{}", "body {}");
                Map<String, Object> extra = new LinkedHashMap<>(plausible);
                extra.put("unexpectedField", Map.of("admin", true));
                send(verb, target(template, pathVars, ""), ApiJson.write(HostileInputApiContract.this, extra), "an extra field");
                for (String field : plausible.keySet()) {
                    for (Object bad : HOSTILE_VALUES) {
                        Map<String, Object> body = new LinkedHashMap<>(plausible);
                        body.put(field, bad);
                        send(verb, target(template, pathVars, ""), ApiJson.write(HostileInputApiContract.this, body),
                                field + "=" + shorten(String.valueOf(bad)));
                    }
                    Map<String, Object> missing = new LinkedHashMap<>(plausible);
                    missing.remove(field);
                    send(verb, target(template, pathVars, ""), ApiJson.write(HostileInputApiContract.this, missing),
                            "without " + field);
                }
            }
            if (multipart) {
                byte[] noise = new byte[64 * 1024];
                new Random(8).nextBytes(noise);
                String t = target(template, pathVars, "");
                upload(verb, t, "other", "x.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), "no file part");
                upload(verb, t, "file", "empty.csv", new byte[0], "an empty file");
                upload(verb, t, "file", "noise.vcf", noise, "random bytes");
                upload(verb, t, "file", "../../etc/passwd",
                        "\u0000\u0000BEGIN:VCARD\r\nFN:\u0000\r\n".getBytes(StandardCharsets.UTF_8),
                        "a truncated vCard with a hostile name");
                upload(verb, t, "file", "a\u0000b\u202e.csv", "Email\nx.y@example.net\n".getBytes(StandardCharsets.UTF_8),
                        "a NUL and an override in the file name");
            }
        }

        private String target(String template, Map<String, String> vars, String query) {
            String path = template;
            for (var v : vars.entrySet()) {
                path = path.replace("{" + v.getKey() + "}", v.getValue());
            }
            return API + path + (query.isEmpty() ? "" : "?" + query);
        }

        private void send(String verb, String target, String body, String what) {
            Map<String, String> headers = body == null ? authHeaders(f.caller) : jsonHeaders(f.caller);
            judge(verb + " " + target.replaceAll("\\?.*", "") + " with " + what,
                    () -> http.send(verb, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
            if (verb.equals("POST") && target.contains("/contacts/imports")) {
                awaitImports();
            }
        }

        private void upload(String verb, String target, String part, String fileName, byte[] content, String what) {
            String boundary = "fuzz" + System.nanoTime();
            byte[] body = concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
                            + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8), content,
                    ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>(authHeaders(f.caller));
            headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
            judge(verb + " " + target + " with " + what, () -> http.send(verb, target, headers, body));
            awaitImports();
            current = null;
        }

        private void judge(String label, java.util.function.Supplier<RawHttp.Reply> request) {
            // After a refusal the world is as the last snapshot saw it: only a success (or an
            // upload finishing in the background) calls for a new one.
            Map<String, String> before = current != null ? current : snapshot();
            current = null;
            RawHttp.Reply r;
            try {
                r = request.get();
            } catch (RuntimeException e) {
                failures.add(label + " → no answer: " + e.getMessage());
                return;
            }
            requests++;
            statuses.merge(r.status(), 1, Integer::sum);
            try {
                assertThat(r.status()).as("%s: %s", label, r).isLessThan(500);
                if (r.status() >= 400) {
                    assertProblem(r, label, r.status());
                    if (r.status() != 429) {
                        current = snapshot();
                        assertThat(differences(before, current)).as("%s was refused (%s) but changed", label, r.status())
                                .isEmpty();
                    }
                }
            } catch (AssertionError e) {
                String message = String.valueOf(e.getMessage()).strip();
                failures.add(label + " → " + r.status() + " " + r.contentType() + ": "
                        + (message.length() > 600 ? message.substring(0, 600) + "…" : message));
            }
        }

        /** Lets an accepted upload finish in the background before the next comparison. */
        private void awaitImports() {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && jdbc.sql("SELECT count(*) FROM contact_imports WHERE status = 'PROCESSING'")
                    .query(Long.class).single() > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void report() {
            System.out.printf(Locale.ROOT, "Hostile input (%s): %d operations, %d requests, statuses %s, %d failures%n",
                    getClass().getSimpleName(), operations, requests, statuses, failures.size());
            // Grouped by answer, a few of each: one cause often fails hundreds of requests alike.
            Map<String, List<String>> byAnswer = new TreeMap<>();
            for (String failure : failures) {
                String answer = failure.replaceAll("^.* → (\\S+ [^:]*):.*$", "$1");
                byAnswer.computeIfAbsent(answer, k -> new ArrayList<>()).add(failure);
            }
            byAnswer.forEach((answer, list) -> {
                System.out.printf(Locale.ROOT, "  %d × %s, e.g.%n", list.size(), answer);
                list.stream().limit(8).forEach(f -> System.out.println("    " + (f.length() > 400 ? f.substring(0, 400) + "…" : f)));
            });
        }
    }

    /** The tables compared, found once from the database's catalogue. */
    private List<String> tables;
    /** On PostgreSQL, one statement that hashes every table in the database (one round trip). */
    private String postgresSnapshot;

    /**
     * On SQLite, a connection held for the whole test whose {@code PRAGMA data_version} changes
     * exactly when another connection commits: while it has not changed, the last snapshot still
     * holds, and reading every row of a database that earlier suites filled is skipped.
     */
    private java.sql.Connection watch;
    private long watchedVersion = Long.MIN_VALUE;
    private Map<String, String> lastSqliteSnapshot;

    @AfterEach
    void releaseTheWatch() throws SQLException {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private long dataVersion() throws SQLException {
        if (watch == null) {
            watch = dataSource.getConnection();
        }
        try (var st = watch.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A hash of every row of every table (rows sorted, so order of storage does not count). */
    private Map<String, String> snapshot() {
        if (tables != null && postgresSnapshot == null) {
            try {
                long version = dataVersion();
                if (version == watchedVersion && lastSqliteSnapshot != null) {
                    return new TreeMap<>(lastSqliteSnapshot);
                }
                Map<String, String> fresh = fullSnapshot();
                watchedVersion = version;
                lastSqliteSnapshot = fresh;
                return new TreeMap<>(fresh);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
        return fullSnapshot();
    }

    private Map<String, String> fullSnapshot() {
        Map<String, String> hashes = new TreeMap<>();
        try (var connection = dataSource.getConnection()) {
            if (tables == null) {
                tables = new ArrayList<>();
                try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        String lower = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!BACKGROUND_TABLES.contains(lower) && !lower.startsWith("sqlite_")) {
                            tables.add(lower);
                        }
                    }
                }
                if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                    postgresSnapshot = tables.stream().map(t -> "SELECT '" + t + "', count(*) || ' rows ' || md5(coalesce("
                            + "string_agg(r::text, '|' ORDER BY r::text), '')) FROM " + t + " r").collect(Collectors.joining(" UNION ALL "));
                }
            }
            if (postgresSnapshot != null) {
                try (var st = connection.createStatement(); ResultSet rs = st.executeQuery(postgresSnapshot)) {
                    while (rs.next()) {
                        hashes.put(rs.getString(1), rs.getString(2));
                    }
                }
                return hashes;
            }
            for (String table : tables) {
                String lower = table;
                List<String> rows = new ArrayList<>();
                try (var st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            Object v = rs.getObject(c);
                            row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('\u0001');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
                hashes.put(lower, rows.size() + " rows " + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
            }
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return hashes;
    }

    private static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        after.forEach((table, hash) -> {
            if (!hash.equals(before.get(table))) {
                out.add(table + ": " + before.get(table) + " → " + hash);
            }
        });
        return out;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void assertProblem(RawHttp.Reply r, String label, int status) {
        assertThat(r.status()).as("%s: %s", label, r).isEqualTo(status);
        assertThat(r.contentType()).as("%s: content type of %s", label, r).startsWith("application/problem+json");
        assertThat(r.text()).as("%s: a problem says nothing about the implementation", label)
                .contains("\"status\":" + status).contains("\"type\"").contains("\"title\"").contains("\"detail\"")
                .doesNotContain("Exception", "org.rapport", "tools.jackson", "java.", "\tat ");
    }

    private List<String> fields(RawHttp.Reply r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : json.readTree(r.text()).path("errors")) {
            out.add(e.path("field").asString());
        }
        return out;
    }

    private static Map<String, String> authHeaders(Caller as) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json, application/problem+json");
        if (as != null) {
            h.put("Authorization", "Bearer " + as.token());
        }
        return h;
    }

    private static Map<String, String> jsonHeaders(Caller as) {
        Map<String, String> h = authHeaders(as);
        h.put("Content-Type", "application/json");
        return h;
    }

    private RawHttp.Reply fetch(Caller as, String target) {
        return http.send("GET", target, authHeaders(as), null);
    }

    private RawHttp.Reply postJson(Caller as, String target, String body) {
        return send(as, "POST", target, body);
    }

    private RawHttp.Reply send(Caller as, String verb, String target, String body) {
        return http.send(verb, target, jsonHeaders(as), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes a path segment as a client would (UTF-8, spaces as %20). */
    private static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** A body of the schema's shape with ordinary values, so that one hostile field at a time reaches deep. */
    private static Map<String, Object> plausibleBody(JsonNode doc, JsonNode schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (var property : schema.path("properties").properties()) {
            body.put(property.getKey(), plausible(property.getKey(), resolve(doc, property.getValue())));
        }
        return body;
    }

    private static Object plausible(String name, JsonNode type) {
        String lower = name.toLowerCase(Locale.ROOT);
        JsonNode values = type.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(0).asString();
        }
        String kind = type.path("type").isArray() ? type.path("type").get(0).asString() : type.path("type").asString("string");
        return switch (kind) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> lower.contains("email") ? unique("hostile")
                    : lower.contains("password") ? TestMembers.PASSWORD
                    : lower.endsWith("id") ? "1"
                    : "Plain words";
        };
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "·");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…(" + s.length() + " chars)" : oneLine;
    }

    /** JSON text of a body with every non-ASCII character escaped, so that a lone surrogate arrives as one. */
    private static final class ApiJson {
        static String write(HostileInputApiContract test, Object body) {
            if (test.asciiJson == null) {
                test.asciiJson = test.json.rebuild().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
            }
            return test.asciiJson.writeValueAsString(body);
        }
    }
}
