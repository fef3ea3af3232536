package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Oversize uploads and bodies against the real servlet container (issue 8, suite 4). MockMvc
 * does not apply the container's multipart limits, so these go over a socket to the server on
 * its random port: a file past {@code spring.servlet.multipart.max-file-size} (20 MB) gets a
 * 413 problem (the API) or a page that says so (a form), never a 500 or a reset connection, and
 * nothing is stored; an oversize JSON body is refused the same way.
 */
@SqliteSpringTest
class UploadLimitsIntegrationTest extends ApiIntegrationContract {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int OVER_THE_LIMIT = 21 * 1024 * 1024;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anAddressBookPastTheLimitIsRefusedWith413AndNothingIsStored() throws Exception {
        Caller me = caller("Big", "Uploader");
        String boundary = "limit" + System.nanoTime();

        Raw reply = send("POST", "/api/v1/contacts/imports", Map.of("Authorization", "Bearer " + me.token(),
                        "Accept", "application/json", "Content-Type", "multipart/form-data; boundary=" + boundary),
                multipart(boundary, List.of(), "huge.csv", addressBook(OVER_THE_LIMIT)), false);

        assertThat(reply.status()).as(reply.text()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text()).contains("file-too-large");
        assertThat(imports(me.member())).isZero();

        // The connection and the server are fine afterwards: a small file goes through.
        HttpRequest small = HttpRequest.newBuilder(uri("/api/v1/contacts/imports"))
                .header("Authorization", "Bearer " + me.token()).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, List.of(), "small.csv", addressBook(200))))
                .build();
        assertThat(http.send(small, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        assertThat(imports(me.member())).isEqualTo(1);
    }

    @Test
    void theContactsPageSaysAFilePastTheLimitIsTooLarge() throws Exception {
        Member member = members.create("Page", "Uploader");
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String signIn = browser.send(HttpRequest.newBuilder(uri("/signin")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + enc(member.email()) + "&password="
                        + enc(TestMembers.PASSWORD) + "&_csrf=" + enc(csrf(signIn)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String page = browser.send(HttpRequest.newBuilder(uri("/contacts")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String boundary = "page" + System.nanoTime();

        String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .findFirst().orElseThrow().getValue();

        Raw reply = send("POST", "/contacts/imports", Map.of("Cookie", "JSESSIONID=" + session, "Accept", "text/html",
                        "Content-Type", "multipart/form-data; boundary=" + boundary),
                multipart(boundary, List.of("_csrf", csrf(page)), "huge.vcf", addressBook(OVER_THE_LIMIT)), false);

        assertThat(reply.status()).as(reply.text()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.text()).contains("Too large", "files up to 20 MB");
        assertThat(imports(member)).isZero();
    }

    @Test
    void aJsonBodyPastTheLimitIsRefusedAndChangesNothing() throws Exception {
        Caller me = caller("Long", "Winded");
        String before = get(me, "/me").expect(200).body().path("headline").asString();
        byte[] body = ("{\"headline\":\"" + "x".repeat(OVER_THE_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = Map.of("Authorization", "Bearer " + me.token(), "Accept", "application/json",
                "Content-Type", "application/json");

        Raw reply = send("PATCH", "/api/v1/me/profile", headers, body, false);

        assertThat(reply.status()).as(reply.text()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text()).contains("body-too-large");

        // The same body without a declared length (chunked) is cut off where it passes the limit.
        Raw chunked = send("PATCH", "/api/v1/me/profile", headers, body, true);
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
        assertThat(chunked.text()).contains("body-too-large");
        assertThat(get(me, "/me").expect(200).body().path("headline").asString()).isEqualTo(before);

        // A body within the limit still works.
        patch(me, "/me/profile", Map.of("headline", "Short and sweet")).expect(200);
    }

    /** The status line, headers and body (as sent: chunks undecoded) of an answer. */
    record Raw(int status, String head, String text) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "";
        }
    }

    /**
     * One request over a plain socket, the body written on another thread while this one reads
     * the answer. The server answers an oversize request before it has read it all and then
     * closes the connection; a client that reads only once it has sent everything (as the JDK's
     * HttpClient does) would see a broken pipe instead of the answer, and so might a browser.
     */
    private Raw send(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    for (int at = 0; at < body.length; at += 64 * 1024) {
                        int n = Math.min(64 * 1024, body.length - at);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write(body, at, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading and closed: its answer is what counts
                }
            });
            writer.start();
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            InputStream stream = socket.getInputStream();
            try {
                for (int n; (n = stream.read(buffer)) > 0; ) {
                    in.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // a reset after the answer: keep what came
            }
            writer.join(60_000);
            String all = in.toString(StandardCharsets.UTF_8);
            // Skip any interim "100 Continue".
            while (all.startsWith("HTTP/1.1 1")) {
                all = all.substring(all.indexOf("\r\n\r\n") + 4);
            }
            assertThat(all).as("an HTTP answer").startsWith("HTTP/1.1 ");
            int split = all.indexOf("\r\n\r\n");
            return new Raw(Integer.parseInt(all.substring(9, 12)), all.substring(0, split), all.substring(split + 4));
        }
    }

    private long imports(Member member) {
        return jdbc.sql("SELECT count(*) FROM contact_imports WHERE member_id = :m").param("m", member.id())
                .query(Long.class).single();
    }

    /** A Google-style CSV of about {@code size} bytes. */
    private static byte[] addressBook(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        out.writeBytes("Name,E-mail 1 - Value\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; out.size() < size; i++) {
            out.writeBytes(("Person " + i + ",person." + i + "@example.org\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] multipart(String boundary, List<String> fields, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1000);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields.get(i) + "\"\r\n\r\n"
                    + fields.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String csrf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
