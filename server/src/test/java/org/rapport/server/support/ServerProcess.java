package org.rapport.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Rapport server in a process of its own (the application's main on this JVM's class path),
 * for suites that kill it or run two side by side; and a small JSON client for its API.
 */
public final class ServerProcess {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Runs a one-shot command of the application ({@code import …}) on {@code dir} and returns its exit code. */
    public static int run(Path dir, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rapport.server.RapportApplication"));
        command.addAll(arguments);
        command.addAll(List.of("--data-dir", dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("command.log").toFile())).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s ends within 10 minutes", arguments).isTrue();
        return process.exitValue();
    }

    /** Starts a server on a free port with {@code dir} as its data directory and waits until it is healthy. */
    public static ServerProcess start(Path dir, List<String> arguments, Map<String, String> environment) throws Exception {
        return start(dir, arguments, environment, "/actuator/health");
    }

    /** A free TCP port of 127.0.0.1 (free when asked). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** As {@link #start(Path, List, Map)}, healthy when {@code healthPath} on the main port answers 200. */
    public static ServerProcess start(Path dir, List<String> arguments, Map<String, String> environment,
                                      String healthPath) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.rapport.server.RapportApplication", "serve", "--port", Integer.toString(port),
                "--data-dir", dir.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Suites sign their members up from 127.0.0.1; a test that checks the limit passes its own.
        builder.environment().put("RAPPORT_ACCOUNTS_SIGNUPLIMIT", "1000");
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server-" + port + ".log").toFile())).start();
        ServerProcess server = new ServerProcess(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (server.call("GET", healthPath, null, null, false).status() == 200) {
                    return server;
                }
            } catch (IOException e) {
                // not up yet
            }
            assertThat(process.isAlive()).as("the server is running (see its log in %s)", dir).isTrue();
            assertThat(System.nanoTime()).as("the server is up within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The HTTP port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** What came back from the API. */
    public record Reply(int status, String text) {
        public JsonNode body() {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }
    }

    /** Calls {@code /api/v1 + path} with a bearer token (or none) and a JSON body (or none). */
    public Reply api(String verb, String path, String token, Object body) throws IOException, InterruptedException {
        return call(verb, "/api/v1" + path, token, body, true);
    }

    /** Posts {@code content} as the multipart field {@code file} to {@code /api/v1 + path}. */
    public Reply upload(String path, String token, String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "rapport-" + Long.toHexString(System.nanoTime());
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    private Reply call(String verb, String path, String token, Object body, boolean json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (json) {
            b.header("Accept", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
