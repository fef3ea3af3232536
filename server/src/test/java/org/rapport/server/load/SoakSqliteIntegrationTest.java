package org.rapport.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 14's soak, CI-sized: {@code -Drapport.soak.threads} client threads (default 50) send
 * mixed writes over real HTTP to one SQLite server for {@code -Drapport.soak.seconds} (default
 * 120): posts, messages, invitations, sign-ups, follows and contact uploads, each carrying a
 * unique marker. Afterwards: no answer of 500 or more, every acknowledged write is in the
 * database and every refused one (any 4xx or 5xx) is not. Clients arrive over the first 10 s. Seeded ({@code -Drapport.soak.seed}).
 * The 30-minute run is the same test with {@code -Drapport.soak.seconds=1800} (README).
 *
 * <p>The clients behave like people, so that the per-client and per-member limits refuse only
 * what they would refuse in life and every kind of write reaches the database: each client comes
 * from its own address (the server trusts the loopback as a proxy and reads
 * {@code X-Forwarded-For}), each sign-up from a new one (a new person), and each client thinks
 * between writes ({@code -Drapport.soak.think-ms}, default 400-1,200 ms, about one write a second),
 * in a community's mix: posts 30%, messages 20%, invitations, follows and uploads 15% each, sign-ups 5%.
 * Every kind must have acknowledged writes, or the soak proves nothing about it.
 */
@SqliteSpringTest
// Its own database: the soak connects members, which the shared contexts' graph indexes would not see.
@TestPropertySource(properties = {"rapport.accounts.trusted-proxies=127.0.0.1", "rapport.test.own-database=true"})
class SoakSqliteIntegrationTest extends ApiIntegrationContract {

    private static final int THREADS = Integer.getInteger("rapport.soak.threads", 50);
    private static final int SECONDS = Integer.getInteger("rapport.soak.seconds", 120);
    private static final long SEED = Long.getLong("rapport.soak.seed", 20261207L);
    private static final int THINK_MS = Integer.getInteger("rapport.soak.think-ms", 800);
    private static final AtomicLong NEW_PEOPLE = new AtomicLong();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    enum Kind { POST, MESSAGE, INVITATION, SIGN_UP, FOLLOW, UPLOAD }

    /** One write: what it was, its marker, the pair it concerned, and how it was answered. */
    record Write(Kind kind, String marker, long from, long to, int status) {
    }

    @Test
    void mixedWritesFromFiftyClientsLoseNothingAndStoreNothingRefused() throws Exception {
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < THREADS + 10; i++) {
            callers.add(caller("Soak" + i, "Client"));
        }
        for (int i = 0; i + 1 < callers.size(); i += 2) {
            connect(callers.get(i), callers.get(i + 1)); // so that messages between partners are allowed
        }
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        Set<String> failures = ConcurrentHashMap.newKeySet();
        AtomicLong serverErrors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                // Clients arrive over the first 10 s, as they would, not all in the same millisecond.
                Thread.sleep(thread * 10_000L / THREADS);
                Random random = new Random(SEED + thread);
                Caller me = callers.get(thread);
                int n = 0;
                while (System.nanoTime() < end) {
                    Caller other = random.nextBoolean() ? callers.get(thread ^ 1)
                            : callers.get(random.nextInt(callers.size()));
                    if (other.id() == me.id()) {
                        continue;
                    }
                    Kind kind = kind(random.nextInt(100));
                    String marker = "soak-" + thread + "-" + (n++) + "-" + Long.toHexString(random.nextLong());
                    Thread.sleep(THINK_MS / 2 + random.nextInt(THINK_MS));
                    try {
                        Answer answer = send(kind, me, other, marker, address(thread));
                        int status = answer.status();
                        if (status >= 500) {
                            serverErrors.incrementAndGet();
                            failures.add(kind + " " + marker + " answered " + status + " "
                                    + answer.body().substring(0, Math.min(300, answer.body().length())));
                        }
                        writes.add(new Write(kind, marker, me.id(), other.id(), status));
                    } catch (Exception e) {
                        failures.add(kind + " " + marker + " failed: " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        Map<Kind, long[]> counts = new java.util.EnumMap<>(Kind.class);
        for (Write w : writes) {
            long[] c = counts.computeIfAbsent(w.kind(), k -> new long[2]);
            c[w.status() < 300 ? 0 : 1]++;
        }
        System.out.printf("soak: %d threads, %d s, %d writes (acknowledged/refused per kind: %s), %d answered 5xx%n",
                THREADS, SECONDS, writes.size(), counts.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList(),
                serverErrors.get());
        waitForImports(writes);
        List<String> wrong = new ArrayList<>();
        for (Write w : writes) {
            boolean acknowledged = w.status() < 300;
            long found = stored(w);
            if (acknowledged && found == 0) {
                wrong.add("acknowledged but missing: " + w);
            } else if (!acknowledged && found > 0 && w.kind() != Kind.FOLLOW) {
                wrong.add("refused but stored: " + w);
            }
        }
        System.out.printf("soak: %d acknowledged writes missing or refused writes stored%n", wrong.size());
        assertThat(wrong).as("every acknowledged write present, every refused one absent").isEmpty();
        assertThat(failures).as("answers of 500 or more, or failed requests").isEmpty();
        assertThat(writes).as("the soak sent writes").hasSizeGreaterThan(THREADS);
        for (Kind kind : Kind.values()) {
            long[] c = counts.getOrDefault(kind, new long[2]);
            assertThat(c[0]).as("acknowledged %s writes (refused: %d)", kind, c[1]).isPositive();
        }
    }

    /**
     * A community's mix rather than an even one: posts and messages most, sign-ups rarely (each
     * costs an Argon2 hash, which the server runs only a core's worth at a time).
     */
    private static Kind kind(int roll) {
        return roll < 30 ? Kind.POST : roll < 50 ? Kind.MESSAGE : roll < 65 ? Kind.INVITATION
                : roll < 80 ? Kind.FOLLOW : roll < 95 ? Kind.UPLOAD : Kind.SIGN_UP;
    }

    /** The address client {@code thread} comes from: one of its own, as behind a proxy. */
    private static String address(int thread) {
        return "10.20." + (thread / 250) + "." + (1 + thread % 250);
    }

    /** A new person's address: every sign-up comes from somebody else. */
    private static String newPerson() {
        long n = NEW_PEOPLE.incrementAndGet();
        return "10.30." + (n / 250 % 250) + "." + (1 + n % 250);
    }

    /** A status and the body that came with it. */
    record Answer(int status, String body) {
    }

    private Answer send(Kind kind, Caller me, Caller other, String marker, String from) throws Exception {
        return switch (kind) {
            case POST -> json(me, from, "POST", "/posts", "{\"text\":\"" + marker + "\"}");
            case MESSAGE -> json(me, from, "POST", "/conversations",
                    "{\"memberId\":\"" + other.id() + "\",\"text\":\"" + marker + "\"}");
            case INVITATION -> json(me, from, "POST", "/invitations",
                    "{\"inviteeId\":\"" + other.id() + "\",\"note\":\"" + marker + "\"}");
            case SIGN_UP -> json(null, newPerson(), "POST", "/accounts", "{\"email\":\"" + marker
                    + "@example.org\",\"password\":\"" + TestMembers.PASSWORD + "\",\"name\":\"Soak Signup\"}");
            case FOLLOW -> json(me, from, "POST", "/members/" + other.id() + "/follow", null);
            case UPLOAD -> upload(me, from, marker);
        };
    }

    private long stored(Write w) {
        return switch (w.kind()) {
            case POST -> count("SELECT count(*) FROM posts WHERE body = :m", w.marker());
            case MESSAGE -> count("SELECT count(*) FROM messages WHERE body = :m", w.marker());
            // A crossing invitation is answered 201 ACCEPTED and accepts the other one, whose note stays.
            case INVITATION -> w.status() < 300
                    ? count("SELECT count(*) FROM invitations WHERE note = :m", w.marker()) + connected(w)
                    : count("SELECT count(*) FROM invitations WHERE note = :m", w.marker());
            case SIGN_UP -> count("SELECT count(*) FROM members WHERE email = :m", w.marker() + "@example.org");
            // Connections follow each other without a row (only an unfollow is recorded).
            case FOLLOW -> jdbc.sql("SELECT count(*) FROM follows WHERE follower_id = :a AND followee_id = :b")
                    .param("a", w.from()).param("b", w.to()).query(Long.class).single() + connected(w);
            case UPLOAD -> count("SELECT count(*) FROM contact_imports WHERE file_name = :m", w.marker() + ".txt");
        };
    }

    private long connected(Write w) {
        return jdbc.sql("SELECT count(*) FROM connections WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(w.from(), w.to())).param("hi", Math.max(w.from(), w.to()))
                .query(Long.class).single();
    }

    private long count(String sql, String marker) {
        return jdbc.sql(sql).param("m", marker).query(Long.class).single();
    }

    /** Acknowledged uploads finish (done or failed with a reason), none is left processing. */
    private void waitForImports(List<Write> writes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long processing;
        do {
            processing = jdbc.sql("SELECT count(*) FROM contact_imports WHERE status = 'PROCESSING' AND file_name LIKE 'soak-%'")
                    .query(Long.class).single();
            if (processing > 0) {
                Thread.sleep(200);
            }
        } while (processing > 0 && System.nanoTime() < deadline);
        assertThat(processing).as("uploads still processing two minutes after the soak").isZero();
    }

    private Answer json(Caller as, String from, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json, application/problem+json")
                .header("X-Forwarded-For", from);
        if (as != null) {
            b.header("Authorization", "Bearer " + as.token());
        }
        b.header("Content-Type", "application/json").method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private Answer upload(Caller as, String from, String marker) throws Exception {
        String boundary = "soak" + marker.hashCode();
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + marker
                + ".txt\"\r\nContent-Type: text/plain\r\n\r\n" + marker + "-a@example.org\n" + marker
                + "-b@example.org\n\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/contacts/imports"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + as.token())
                .header("X-Forwarded-For", from).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(part, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
