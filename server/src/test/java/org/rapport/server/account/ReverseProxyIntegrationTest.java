package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.server.support.RequiresNginx;
import org.rapport.server.support.ServerProcess;

/**
 * Rapport in its own process behind a real nginx terminating TLS with a certificate this test
 * makes, as the README's reverse-proxy section configures it. Clients connect to nginx from
 * different loopback addresses (127.0.0.2, 127.0.0.3), so the only way the server can tell them
 * apart is the {@code X-Forwarded-For} nginx sets.
 */
@ExtendWith(RequiresNginx.class)
class ReverseProxyIntegrationTest {

    private static final String PASSWORD = "proxy test password";
    private static final String ATTACKER = "127.0.0.2";
    private static final String OWNER = "127.0.0.3";

    private static Path dir;
    private static ServerProcess server;
    private static Process nginx;
    private static int httpsPort;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "reverse-proxy-" + System.nanoTime()).toAbsolutePath());
        run(List.of(RequiresNginx.OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()));
        tls = trusting(dir.resolve("cert.pem"));
        httpsPort = freePort();

        server = ServerProcess.start(dir, List.of(), Map.of(
                "RAPPORT_ACCOUNTS_TRUSTEDPROXIES", "127.0.0.1",
                "RAPPORT_MAIL_PUBLICURL", "https://localhost:" + httpsPort));

        Files.writeString(dir.resolve("nginx.conf"), nginxConf(httpsPort, server.port()));
        Files.createDirectories(dir.resolve("nginx-temp"));
        nginx = new ProcessBuilder(RequiresNginx.NGINX.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Object last = null;
        while (true) {
            try {
                Reply health = request(OWNER, "GET", "/actuator/health", null, null);
                if (health.status() == 200) {
                    break;
                }
                last = health;
            } catch (IOException e) {
                last = e; // not up yet
            }
            assertThat(nginx.isAlive()).as("nginx is running (see %s)", dir.resolve("nginx.out")).isTrue();
            assertThat(System.nanoTime()).as("nginx answers within 20 s; last: %s", last).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        if (server != null) {
            server.kill();
            server.awaitExit(30);
        }
    }

    /** The configuration the README recommends, with this test's ports and files. */
    static String nginxConf(int httpsPort, int appPort) {
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                worker_processes 1;
                pid nginx.pid;
                error_log nginx-error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path nginx-temp/body;
                    proxy_temp_path nginx-temp/proxy;
                    fastcgi_temp_path nginx-temp/fastcgi;
                    uwsgi_temp_path nginx-temp/uwsgi;
                    scgi_temp_path nginx-temp/scgi;
                    server {
                        listen 127.0.0.1:%d ssl;
                        server_name localhost;
                        ssl_certificate cert.pem;
                        ssl_certificate_key key.pem;
                        location / {
                            proxy_pass http://127.0.0.1:%d;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                        }
                    }
                }
                """.formatted(httpsPort, appPort);
    }

    @Test
    void tenFailuresFromOneClientThroughNginxDoNotLockTheOwnerOut() throws Exception {
        String email = "owner." + System.nanoTime() + "@example.org";
        assertThat(server.api("POST", "/accounts", null, Map.of("email", email, "password", PASSWORD,
                "name", "Proxy Owner")).status()).isEqualTo(201);
        String wrong = "{\"email\": \"" + email + "\", \"password\": \"a wrong guess\"}";
        String right = "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}";

        for (int i = 0; i < 10; i++) {
            assertThat(request(ATTACKER, "POST", "/api/v1/tokens", wrong, null).status())
                    .as("guess %d", i + 1).isEqualTo(401);
        }
        Reply limited = request(ATTACKER, "POST", "/api/v1/tokens", right, null);
        assertThat(limited.status()).as("the guessing client waits").isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("30");

        Reply owner = request(OWNER, "POST", "/api/v1/tokens", right, null);
        assertThat(owner.status()).as("the owner from another client gets in: %s", owner.body()).isEqualTo(201);
        assertThat(owner.body()).contains("\"token\"");
    }

    @Test
    void pagesSetASecureSessionCookieAndHstsAndRedirectToThePublicHost() throws Exception {
        String email = "pages." + System.nanoTime() + "@example.org";
        assertThat(server.api("POST", "/accounts", null, Map.of("email", email, "password", PASSWORD,
                "name", "Page Owner")).status()).isEqualTo(201);

        Reply form = request(OWNER, "GET", "/signin", null, null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("strict-transport-security")).contains("max-age=31536000");
        String cookie = form.header("set-cookie");
        assertThat(cookie).as("the session cookie").startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();

        String body = "email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        Reply signedIn = request(OWNER, "POST", "/signin", body, cookie.substring(0, cookie.indexOf(';')));
        assertThat(signedIn.status()).isEqualTo(302);
        String location = signedIn.header("location");
        assertThat(location).as("a redirect stays on the public host")
                .satisfiesAnyOf(l -> assertThat(l).startsWith("/"),
                        l -> assertThat(l).startsWith("https://localhost:" + httpsPort + "/"));
        assertThat(signedIn.header("set-cookie")).as("the new session's cookie").contains("Secure");

        Reply anonymous = request(OWNER, "GET", "/settings", null, null);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("location")).doesNotContain(":" + server.port())
                .doesNotStartWith("http:");
    }

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/1.1 request to nginx over TLS from the loopback address {@code from}. */
    private static Reply request(String from, String verb, String path, String body, String cookie)
            throws IOException {
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            plain.connect(new InetSocketAddress("127.0.0.1", httpsPort), 2000);
            plain.setSoTimeout(30_000);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", httpsPort, true)) {
                byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder(verb + " " + path + " HTTP/1.1\r\nHost: localhost:" + httpsPort
                        + "\r\nConnection: close\r\nAccept: "
                        + (path.startsWith("/api/") || path.startsWith("/actuator/") ? "application/json" : "text/html")
                        + "\r\n");
                if (body != null) {
                    head.append("Content-Type: ").append(path.startsWith("/api/") ? "application/json"
                            : "application/x-www-form-urlencoded").append("\r\nContent-Length: ")
                            .append(content.length).append("\r\n");
                }
                if (cookie != null) {
                    head.append("Cookie: ").append(cookie).append("\r\n");
                }
                OutputStream out = socket.getOutputStream();
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.flush();
                return parse(socket.getInputStream());
            }
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                    (a, b) -> a + "\n" + b);
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the pages are ASCII-safe enough for the CSRF token we look for.
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("rapport-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl made the certificate (see %s)", dir.resolve("openssl.out")).isZero();
    }
}
