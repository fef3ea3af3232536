package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.server.account.AccountService;
import org.rapport.server.support.PostgresTestDatabase;
import org.rapport.server.support.RequiresPostgres;
import org.rapport.server.support.TestClockConfiguration;
import org.rapport.server.support.TestMembers;
import org.rapport.server.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: with PostgreSQL unreachable, requests are answered 503 problem+json with
 * {@code Retry-After} within about 2 s (bearer-token calls included, whose lookup fails in a
 * filter), {@code /actuator/health} answers within 1 s and says DOWN, readiness too; once the
 * database is back, so is everything. The server reaches PostgreSQL through a TCP proxy in this
 * test, which the test stops (closing every connection and refusing new ones) and starts again.
 */
@ExtendWith(RequiresPostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.scheduling.enabled=false",
        "rapport.search.index-dir=target/search-index-${random.uuid}",
        "rapport.data-dir=target/outage-${random.uuid}",
        "server.tomcat.basedir=target/tomcat-base",
        "logging.level.org.rapport=WARN",
        "logging.level.com.zaxxer.hikari=OFF",
        // This suite reads which health check is down; who may see health details is tested elsewhere
        // (OperationsApiIntegrationTest), so here anyone may.
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always"})
@Import(TestClockConfiguration.class)
@ContextConfiguration(initializers = {DatabaseOutagePostgresIntegrationTest.ThroughProxy.class, TestSmtp.class})
class DatabaseOutagePostgresIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static TcpProxy proxy;

    @LocalServerPort
    int port;
    @Autowired
    TestMembers members;
    @Autowired
    AccountService accounts;

    /** Points the application at PostgreSQL through {@link #proxy}. */
    static final class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = PostgresTestDatabase.separate("outage");
            URI pg = URI.create(url.substring("jdbc:".length()));
            try {
                proxy = new TcpProxy(pg.getHost(), pg.getPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getPath();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage-test",
                    Map.of("spring.datasource.url", proxied, "spring.datasource.username", PostgresTestDatabase.user())));
        }
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void unreachableDatabaseIsAnswered503WithinTwoSecondsAndHealthWithinOne() throws Exception {
        String token = accounts.issueToken(members.create("Outage", "Reader").id()).token();
        assertThat(call("GET", "/api/v1/me", token, null).status()).isEqualTo(200);
        assertThat(waitForHealth(200, Duration.ofSeconds(10)).status()).isEqualTo(200);

        proxy.stop();
        try {
            for (String[] request : List.of(new String[] {"GET", "/api/v1/me"},
                    new String[] {"POST", "/api/v1/posts"})) {
                Reply r = call(request[0], request[1], token,
                        request[0].equals("POST") ? "{\"text\":\"during the outage\"}" : null);
                assertThat(r.status()).as("%s %s during the outage: %s", request[0], request[1], r.body()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.retryAfter()).as("Retry-After").isNotNull();
                JsonNode problem = JSON.readTree(r.body());
                assertThat(problem.path("type").asString()).endsWith("/database-unavailable");
                assertThat(problem.path("detail").asString()).contains("try again");
                assertThat(r.millis()).as("%s %s answered within about 2 s", request[0], request[1]).isLessThan(2_500);
                System.out.printf("outage: %s %s answered %d in %d ms%n", request[0], request[1], r.status(), r.millis());
            }
            Reply health = waitForHealth(503, Duration.ofSeconds(5));
            for (int i = 0; i < 5; i++) {
                Reply h = call("GET", "/actuator/health", null, null);
                assertThat(h.status()).isEqualTo(503);
                assertThat(h.millis()).as("health answers within 1 s").isLessThan(1_000);
                assertThat(JSON.readTree(h.body()).path("components").path("database").path("status").asString())
                        .isEqualTo("DOWN");
                System.out.printf("outage: /actuator/health answered %d in %d ms%n", h.status(), h.millis());
                Thread.sleep(300);
            }
            Reply readiness = call("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.millis()).isLessThan(1_000);
            assertThat(health.status()).isEqualTo(503);
        } finally {
            proxy.start();
        }

        waitForHealth(200, Duration.ofSeconds(15));
        assertThat(call("GET", "/api/v1/me", token, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/posts", token, "{\"text\":\"after the outage\"}").status()).isEqualTo(201);
    }

    private Reply waitForHealth(int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Reply r = call("GET", "/actuator/health", null, null);
            if (r.status() == status || System.nanoTime() > deadline) {
                assertThat(r.status()).as("health within %s: %s", within, r.body()).isEqualTo(status);
                return r;
            }
            Thread.sleep(100);
        }
    }

    record Reply(int status, String contentType, String retryAfter, String body, long millis) {
    }

    private Reply call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Retry-After").orElse(null), r.body(), millis);
    }

    /** Forwards a local port to PostgreSQL; {@link #stop()} closes every connection and refuses new ones. */
    static final class TcpProxy implements AutoCloseable {
        private final String host;
        private final int targetPort;
        private final int port;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        TcpProxy(String host, int targetPort) throws IOException {
            this.host = host;
            this.targetPort = targetPort;
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            this.port = s.getLocalPort();
            accept(s);
        }

        int port() {
            return port;
        }

        synchronized void start() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            accept(s);
        }

        synchronized void stop() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            open.clear();
        }

        @Override
        public void close() {
            stop();
        }

        private void accept(ServerSocket s) {
            server = s;
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket client = s.accept();
                        Socket upstream = new Socket(host, targetPort);
                        open.add(client);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        // stopped, or PostgreSQL refused: the client sees its socket close
                    }
                }
            }, "outage-proxy-accept");
            t.setDaemon(true);
            t.start();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }, "outage-proxy-pump");
            t.setDaemon(true);
            t.start();
        }
    }
}
