package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.feed.PostService;
import org.rapport.server.member.Member;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/**
 * The hostile-input suite (issue 8, suite 4): every operation of the OpenAPI document under
 * {@code /api/v1} gets generated bad input, one input at a time, the others plausible: path
 * variables and query parameters of the wrong type, out of range, huge, in odd Unicode or shaped
 * like an injection; bodies that are not JSON, JSON of the wrong shape, nested past any sane
 * depth, or objects whose fields are each in turn given the wrong type, a huge string, control
 * characters, a lone surrogate, right-to-left overrides, SQL, markup and template injections;
 * uploads that are missing, empty or random bytes.
 *
 * <p>Every answer must be below 500; every refusal must be an RFC 9457 problem; and a refused
 * request must change nothing: the row count of every table and the caller's whole export
 * ({@code GET /me/export}, which holds everything of theirs) are compared before and after. The
 * operations come from the running application, so an endpoint added later is covered without
 * a change here. Oversize uploads are refused by the servlet container, which MockMvc does not
 * run; the upload readers' own limits are covered by the contacts tests.
 */
@SqliteSpringTest
class HostileInputApiIntegrationTest extends ApiIntegrationContract {

    /** Operations that end the caller's account or token: they take no input to be hostile with. */
    private static final Set<String> SKIPPED = Set.of("DELETE /me", "DELETE /tokens/current");

    /** Tables written in the background, apart from the request that caused it (views, imports). */
    private static final Set<String> BACKGROUND_TABLES = Set.of("profile_views", "contact_imports", "contacts",
            "flyway_schema_history");

    private static final List<String> HOSTILE_SCALARS = List.of(
            "abc", "-1", "0", "1.5", "1e3", "99999999999999999999", "0x10", " ", "", "null", "true",
            "9".repeat(4_000), "' OR '1'='1' --", "1; DROP TABLE members", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "../../../../etc/passwd", "\u202egnp.exe", "😀👩‍💻",
            "e\u0301\u0301\u0301", "\u00a0\u2028\u2029", "A\u0000B", "%00", "%", "\\");

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
        values.add("\ud800");
        values.add("\u202eevil\u202c");
        values.add("' OR 1=1; --");
        values.add("<img src=x onerror=alert(1)>");
        values.add("${jndi:ldap://127.0.0.1/x}");
        values.add("😀".repeat(1_000));
        values.add("   ");
        values.add("");
        return values;
    }

    @Autowired
    PostService posts;
    @Autowired
    ContactService contacts;

    @Test
    void everyOperationRefusesBadInputWithAProblemAndChangesNothing() {
        JsonNode doc = perform(MockMvcRequestBuilders.get("/v3/api-docs")).expect(200).body();
        Fixture f = new Fixture();
        Run run = new Run(f);

        for (var path : doc.path("paths").properties()) {
            if (!path.getKey().startsWith(API + "/")) {
                continue;
            }
            for (var op : path.getValue().properties()) {
                String verb = op.getKey().toUpperCase(Locale.ROOT);
                String template = path.getKey().substring(API.length());
                if (SKIPPED.contains(verb + " " + template) || !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                run.operation(doc, verb, template, op.getValue());
            }
        }
        run.report();
        assertThat(run.operations).as("operations exercised").isGreaterThan(40);
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

        Fixture() {
            caller = caller("Hostile", "Caller");
            other = members.create("Plain", "Connection");
            connect(caller.member(), other);
            Member inviter = members.create("Pending", "Inviter");
            received = invitations.invite(inviter.id(), caller.member().id(), null).invitation().id();
            post = posts.create(caller.member().id(), "A plain update", "ANYONE").id();
            contactImport = contacts.importNow(caller.member().id(), "book.txt",
                    "someone.plain@example.net\n".getBytes(StandardCharsets.UTF_8)).row().id();
            contact = contacts.contacts(caller.member().id(), false, org.rapport.server.system.PageRequest.of(10, null))
                    .items().get(0).id();
        }

        /** A plausible value for a path variable of {@code template}: something of the caller's it names. */
        String pathValue(String template, String variable) {
            if (template.startsWith("/invitations/")) {
                return Long.toString(received);
            }
            if (template.startsWith("/posts/")) {
                return Long.toString(post);
            }
            if (template.startsWith("/contacts/imports/")) {
                return Long.toString(contactImport);
            }
            if (template.startsWith("/contacts/")) {
                return Long.toString(contact);
            }
            return Long.toString(other.id());
        }
    }

    /** Sends the variants of each operation and keeps what went wrong. */
    private final class Run {

        final Fixture f;
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        /** The state after the last refused request, or null when it must be read again. */
        Snapshot current;
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
            boolean multipart = content.has(MediaType.MULTIPART_FORM_DATA_VALUE);
            JsonNode schema = resolve(doc, content.path(MediaType.APPLICATION_JSON_VALUE).path("schema"));
            boolean json = !content.path(MediaType.APPLICATION_JSON_VALUE).isMissingNode();
            Map<String, Object> plausible = json ? plausibleBody(doc, schema) : null;

            // Each path variable and query parameter in turn.
            for (String variable : pathVars.keySet()) {
                for (String bad : HOSTILE_SCALARS) {
                    Map<String, String> vars = new LinkedHashMap<>(pathVars);
                    vars.put(variable, bad);
                    send(verb, template, vars, Map.of(), json ? plausible : null, null, variable + "=" + shorten(bad));
                }
            }
            for (String param : queryParams) {
                for (String bad : HOSTILE_SCALARS) {
                    send(verb, template, pathVars, Map.of(param, bad), json ? plausible : null, null,
                            param + "=" + shorten(bad));
                }
            }
            if (json) {
                for (String raw : RAW_BODIES) {
                    send(verb, template, pathVars, Map.of(), raw, null, "body " + shorten(raw));
                }
                send(verb, template, pathVars, Map.of(), Map.of(), null, "body {}");
                Map<String, Object> extra = new LinkedHashMap<>(plausible);
                extra.put("unexpectedField", Map.of("admin", true));
                send(verb, template, pathVars, Map.of(), extra, null, "an extra field");
                for (String field : plausible.keySet()) {
                    for (Object bad : HOSTILE_VALUES) {
                        Map<String, Object> body = new LinkedHashMap<>(plausible);
                        body.put(field, bad);
                        send(verb, template, pathVars, Map.of(), body, null, field + "=" + shorten(String.valueOf(bad)));
                    }
                    Map<String, Object> missing = new LinkedHashMap<>(plausible);
                    missing.remove(field);
                    send(verb, template, pathVars, Map.of(), missing, null, "without " + field);
                }
            }
            if (multipart) {
                byte[] noise = new byte[64 * 1024];
                new Random(8).nextBytes(noise);
                send(verb, template, pathVars, Map.of(), null, new MockMultipartFile("other", "x.csv", "text/csv",
                        "a,b\n".getBytes(StandardCharsets.UTF_8)), "no file part");
                send(verb, template, pathVars, Map.of(), null, new MockMultipartFile("file", "empty.csv", "text/csv",
                        new byte[0]), "an empty file");
                send(verb, template, pathVars, Map.of(), null, new MockMultipartFile("file", "noise.vcf", "text/vcard",
                        noise), "random bytes");
                send(verb, template, pathVars, Map.of(), null, new MockMultipartFile("file", "../../etc/passwd",
                        "application/octet-stream", "\u0000\u0000BEGIN:VCARD\r\nFN:\u0000\r\n".getBytes(StandardCharsets.UTF_8)),
                        "a truncated vCard with a hostile name");
            }
        }

        private void send(String verb, String template, Map<String, String> pathVars, Map<String, String> query,
                          Object body, MockMultipartFile file, String what) {
            String label = verb + " " + template + " with " + what;
            // After a refusal the world is as the last snapshot saw it: only a success (or an
            // upload finishing in the background) calls for a new one.
            Snapshot before = current != null ? current : snapshot();
            current = null;
            AbstractMockHttpServletRequestBuilder<?> request = file != null
                    ? MockMvcRequestBuilders.multipart(HttpMethod.valueOf(verb), API + template, pathVars.values().toArray())
                            .file(file)
                    : MockMvcRequestBuilders.request(HttpMethod.valueOf(verb), API + template, pathVars.values().toArray());
            query.forEach(request::param);
            Response r;
            if (file != null) {
                request.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + f.caller.token());
                r = perform(request);
            } else {
                r = perform(f.caller, request, body);
            }
            requests++;
            statuses.merge(r.status(), 1, Integer::sum);
            try {
                assertThat(r.status()).as("%s: %s", label, r).isLessThan(500);
                if (r.status() >= 400) {
                    r.expectProblem(r.status());
                    if (r.status() != 429) {
                        current = snapshot();
                        assertThat(current.differences(before)).as("%s was refused (%s) but changed", label, r.status())
                                .isEmpty();
                    }
                }
            } catch (AssertionError e) {
                String message = String.valueOf(e.getMessage()).strip();
                failures.add(label + " → " + r.status() + " " + r.contentType() + ": "
                        + (message.length() > 800 ? message.substring(0, 800) + "…" : message));
            }
            if (file != null) {
                awaitImports();
                current = null;
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
            System.out.printf(Locale.ROOT, "Hostile input: %d operations, %d requests, statuses %s, %d failures%n",
                    operations, requests, statuses, failures.size());
        }

        /** Row counts of every table and the caller's export, without what changes on its own. */
        private Snapshot snapshot() {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .query(String.class).list()) {
                if (!BACKGROUND_TABLES.contains(table)) {
                    counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
                }
            }
            Response export = get(f.caller, "/me/export");
            String mine = "";
            if (export.status() == 200) {
                Map<String, Object> all = json.readValue(export.rawText(), LinkedHashMap.class);
                for (String volatileKey : List.of("exportedAt", "notifications", "contactImports", "contacts")) {
                    all.remove(volatileKey);
                }
                mine = json.writeValueAsString(all);
            }
            return new Snapshot(counts, mine);
        }
    }

    record Snapshot(Map<String, Long> counts, String export) {

        List<String> differences(Snapshot before) {
            List<String> out = new ArrayList<>();
            counts.forEach((table, n) -> {
                Long was = before.counts.get(table);
                if (!n.equals(was)) {
                    out.add(table + ": " + was + " rows → " + n);
                }
            });
            if (!export.equals(before.export)) {
                out.add("the caller's export changed");
            }
            return out;
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** A body of the schema's shape with ordinary values, so that one hostile field at a time reaches deep. */
    private Map<String, Object> plausibleBody(JsonNode doc, JsonNode schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (var property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode type = resolve(doc, property.getValue());
            body.put(name, plausible(name, type));
        }
        return body;
    }

    private static Object plausible(String name, JsonNode type) {
        String lower = name.toLowerCase(Locale.ROOT);
        Function<String, Object> text = s -> s;
        return switch (type.path("type").asString("string")) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> lower.contains("email") ? unique("hostile")
                    : lower.contains("password") ? TestMembers.PASSWORD
                    : lower.endsWith("id") ? "1"
                    : text.apply("Plain words");
        };
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "·");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…(" + s.length() + " chars)" : oneLine;
    }
}
