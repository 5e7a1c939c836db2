package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.http.JsonError;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.settings.SettingsReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on a real socket: JSON in and out, JSON errors, token, re-bind, contributions coming and going. */
class HttpServerTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DefaultCamelContext ctx;
    private HttpServer server;
    private int port;

    /** A contribution as a capability bundle would write it. */
    static final class Things extends RestRoutes {
        @Override
        public void configure() {
            rest("/api/things")
                    .get()
                    .to("direct:things-list")
                    .post()
                    .type(Map.class)
                    .to("direct:things-add")
                    .get("/{id}")
                    .to("direct:things-get")
                    .delete("/{id}")
                    .to("direct:things-delete");
            from("direct:things-list").process(e -> e.getMessage().setBody(Map.of("things", List.of("a"))));
            from("direct:things-add").process(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> in = e.getMessage().getBody(Map.class);
                if (in == null) {
                    throw new RestException(400, "expected a JSON object"); // must not hide a bad JSON body
                }
                if (!(in.get("name") instanceof String name)) {
                    JsonError.reply(e, 400, "name is required");
                    return;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("name", name);
                e.getMessage().setHeader("CamelHttpResponseCode", 201);
                e.getMessage().setBody(out);
            });
            from("direct:things-get").process(e -> {
                String id = e.getMessage().getHeader("id", String.class);
                if ("boom".equals(id)) {
                    throw new IllegalStateException("kaput");
                }
                if (!"a".equals(id)) {
                    throw new RestException(404, "no thing " + id);
                }
                e.getMessage().setBody(Map.of("id", id));
            });
            from("direct:things-delete").process(e -> {
                e.getMessage().setHeader("CamelHttpResponseCode", 204);
                e.getMessage().setBody(null);
            });
        }
    }

    private final Things things = new Things();

    @BeforeEach
    void start() throws Exception {
        ctx = new DefaultCamelContext();
        ctx.start();
        server = new HttpServer();
        server.context = ctx;
        port = freePort();
        server.bindRestRoutes(things);
        server.activate(Map.of("http.port", String.valueOf(port)));
    }

    /** The platform context restarted (core cfg saved): a new server adds the same, configured, contributions. */
    @Test
    void sameContributionsInANewContext() throws Exception {
        server.deactivate();
        ctx.stop();
        ctx = new DefaultCamelContext();
        ctx.start();
        server = new HttpServer();
        server.context = ctx;
        server.bindRestRoutes(things);
        server.activate(Map.of("http.port", String.valueOf(port)));
        assertEquals(200, send("GET", "/api/things/a", null, null).statusCode());
        assertError(send("POST", "/api/things", "{\"name\": ", null), 400, "bad JSON");
        assertEquals(4, ctx.getRoutes().size() - 1, ctx.getRoutes().toString()); // Things' four verbs and GET /api
    }

    @AfterEach
    void stop() {
        server.deactivate();
        ctx.stop();
    }

    @Test
    void servesJsonAndJsonErrors() throws Exception {
        HttpResponse<String> list = send("GET", "/api/things", null, null);
        assertEquals(200, list.statusCode());
        assertEquals("{\"things\":[\"a\"]}", list.body());
        assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        HttpResponse<String> added = send("POST", "/api/things", "{\"name\":\"b\"}", null);
        assertEquals(201, added.statusCode());
        assertEquals("{\"name\":\"b\"}", added.body());

        assertError(send("POST", "/api/things", "{\"name\": ", null), 400, "bad JSON");
        assertError(send("POST", "/api/things", "[1,2]", null), 400, "bad JSON");
        assertError(send("POST", "/api/things", "{\"other\":1}", null), 400, "name is required");
        assertError(send("GET", "/api/things/zz", null, null), 404, "no thing zz");
        assertError(send("GET", "/api/nothing/here", null, null), 404, "no such resource: /api/nothing/here");
        HttpResponse<String> wrongMethod = send("PUT", "/api/things/a", "{}", null);
        assertError(wrongMethod, 405, "method not allowed");
        assertEquals("DELETE, GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> boom = send("GET", "/api/things/boom", null, null);
        assertError(boom, 500, "kaput");
        assertFalse(boom.body().contains("at io.switchboard"), "no stack trace: " + boom.body());

        HttpResponse<String> deleted = send("DELETE", "/api/things/a", null, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());

        // the server still serves after all that
        assertEquals(200, send("GET", "/api/things/a", null, null).statusCode());
    }

    @Test
    void requestHeadersAreNotEchoed() throws Exception {
        HttpResponse<String> r = send("GET", "/api/things/a", null, "Bearer secret");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Authorization").isEmpty());
        assertTrue(r.headers().firstValue("id").isEmpty());
    }

    @Test
    void indexListsTheOperations() throws Exception {
        HttpResponse<String> r = send("GET", "/api", null, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("{\"method\":\"DELETE\",\"path\":\"/api/things/{id}\""), r.body());
        assertTrue(r.body().contains("{\"method\":\"GET\",\"path\":\"/api\""), r.body());
    }

    @Test
    void everyResponseIsCountedByStatusWhoeverAnswers() throws Exception {
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        HttpMeters.use(status -> seen.merge(status, 1, Integer::sum));
        try {
            assertEquals(200, send("GET", "/api/things", null, null).statusCode()); // a route
            assertError(send("GET", "/api/unknown", null, null), 404, "no such resource"); // the server
            server.modified(Map.of("http.port", String.valueOf(port), "http.api.token", "s3cret"));
            assertError(send("GET", "/api/things", null, null), 401, "missing bearer token"); // the token check
        } finally {
            HttpMeters.use(null);
        }
        assertEquals(Map.of(200, 1, 404, 1, 401, 1), seen);
    }

    @Test
    void tokenIsRequiredWhenSet() throws Exception {
        server.modified(Map.of("http.port", String.valueOf(port), "http.api.token", "s3cret"));
        HttpResponse<String> none = send("GET", "/api/things", null, null);
        assertError(none, 401, "missing bearer token");
        assertEquals(
                "Bearer realm=\"switchboard\"",
                none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertError(send("GET", "/api/things", null, "Bearer wrong"), 401, "invalid bearer token");
        assertError(send("GET", "/api/unknown", null, "Basic czNjcmV0"), 401, "invalid bearer token");
        assertEquals(200, send("GET", "/api/things", null, "Bearer s3cret").statusCode());
        assertError(send("GET", "/api/unknown", null, "Bearer s3cret"), 404, "no such resource");

        server.modified(Map.of("http.port", String.valueOf(port)));
        assertEquals(200, send("GET", "/api/things", null, null).statusCode());
    }

    @Test
    void rebindsToAnotherPort() throws Exception {
        int old = port;
        port = freePort();
        server.modified(Map.of("http.port", String.valueOf(port)));
        assertEquals(200, send("GET", "/api/things", null, null).statusCode());
        int now = port;
        port = old;
        assertThrows(IOException.class, () -> send("GET", "/api/things", null, null));
        port = now;
    }

    @Test
    void contributionsComeAndGo() throws Exception {
        RestRoutes more = new RestRoutes() {
            @Override
            public void configure() {
                rest("/api/more").get().to("direct:more");
                from("direct:more").setBody(constant(Map.of("more", true)));
            }
        };
        server.bindRestRoutes(more);
        assertEquals(200, send("GET", "/api/more", null, null).statusCode());
        server.unbindRestRoutes(more);
        assertError(send("GET", "/api/more", null, null), 404, "no such resource");
        assertEquals(200, send("GET", "/api/things", null, null).statusCode());
        assertFalse(send("GET", "/api", null, null).body().contains("/api/more"));
    }

    /** What a web page can make a browser send without asking first (CORS simple requests) never reaches a route. */
    @Test
    void writesTakeOnlyJson() throws Exception {
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/plain; charset=utf-8",
                "application/jsonp")) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(uri("/api/things"))
                            .header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"evil\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(r, 415, "request body must be application/json");
        }
        HttpResponse<String> untyped = client.send(
                HttpRequest.newBuilder(uri("/api/things"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"evil\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(untyped, 415, "no Content-Type");
        HttpResponse<String> typedDelete = client.send(
                HttpRequest.newBuilder(uri("/api/things/a"))
                        .header("Content-Type", "text/plain")
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(typedDelete, 415, "not text/plain");
        // JSON with a charset, and a DELETE without body, are served
        HttpResponse<String> json = client.send(
                HttpRequest.newBuilder(uri("/api/things"))
                        .header("Content-Type", "Application/JSON; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"b\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, json.statusCode(), json.body());
        assertEquals(204, send("DELETE", "/api/things/a", null, null).statusCode());
        assertTrue(JsonContentCheck.isJson("application/json"));
        assertFalse(JsonContentCheck.isJson(null));
    }

    /** An answer is JSON whatever the client says it accepts, errors included: never a Java map printout. */
    @Test
    void answersAreJsonWhateverIsAccepted() throws Exception {
        for (String accept : List.of("text/plain", "text/html", "application/xml", "*/*")) {
            HttpResponse<String> ok = client.send(
                    HttpRequest.newBuilder(uri("/api/things/a"))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("{\"id\":\"a\"}", ok.body(), accept);
            assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), accept);
            HttpResponse<String> missing = client.send(
                    HttpRequest.newBuilder(uri("/api/things/zz"))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(missing, 404, "no thing zz");
            // a GET may declare any type (it has no body): the answer stays JSON
            HttpResponse<String> typed = client.send(
                    HttpRequest.newBuilder(uri("/api/things"))
                            .header("Accept", accept)
                            .header("Content-Type", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"things\":[\"a\"]}", typed.body(), accept);
            HttpResponse<String> invalid = client.send(
                    HttpRequest.newBuilder(uri("/api/things"))
                            .header("Accept", accept)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"other\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(invalid, 400, "name is required");
        }
    }

    /** DNS rebinding: a page under another name resolved to 127.0.0.1 sends that name as Host. */
    @Test
    void hostMustNameThisServer() throws Exception {
        assertRaw(
                raw("GET /api/things HTTP/1.1\r\nHost: evil.example:" + port + "\r\n\r\n"),
                421,
                "does not answer for host evil.example");
        assertRaw(raw("GET /api/things HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n"), 421, "host 127.0.0.1:1");
        assertRaw(raw("GET /api/things HTTP/1.1\r\nHost: localhost\r\n\r\n"), 421, "host localhost");
        assertRaw(raw("GET /api/things HTTP/1.0\r\n\r\n"), 400, "missing Host header");
        for (String host : List.of("localhost:" + port, "LocalHost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            String r = raw("GET /api/things HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 200"), host + ": " + r);
        }
        // a page of another site posting to localhost: its Origin
        assertRaw(
                raw("POST /api/things HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: https://evil.example"
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
                403,
                "cross-origin");
        assertRaw(
                raw("POST /api/things HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: null"
                        + "\r\nContent-Length: 0\r\n\r\n"),
                403,
                "cross-origin");
        String sameOrigin = raw("GET /api/things HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: http://localhost:"
                + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(sameOrigin.startsWith("HTTP/1.1 200"), sameOrigin);

        server.modified(
                Map.of("http.port", String.valueOf(port), "http.allowed.hosts", "api.example.net, 10.0.0.5:80"));
        String named =
                raw("GET /api/things HTTP/1.1\r\nHost: api.example.net:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(named.startsWith("HTTP/1.1 200"), named);
        String port80 = raw("GET /api/things HTTP/1.1\r\nHost: 10.0.0.5\r\nConnection: close\r\n\r\n");
        assertTrue(port80.startsWith("HTTP/1.1 200"), port80);
        assertRaw(raw("GET /api/things HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n"), 421, "host 127.0.0.1");
    }

    @Test
    void allowedHostsDefaults() {
        assertEquals(
                Set.of("127.0.0.1:8088", "localhost:8088", "[::1]:8088"),
                AllowedHosts.of("", "127.0.0.1", 8088).entries());
        assertEquals(
                Set.of("192.0.2.1:9000", "127.0.0.1:9000", "localhost:9000", "[::1]:9000"),
                AllowedHosts.of(null, "192.0.2.1", 9000).entries());
        assertEquals(
                Set.of("127.0.0.1:9000", "localhost:9000", "[::1]:9000"),
                AllowedHosts.of(" ", "0.0.0.0", 9000).entries());
        assertEquals(
                Set.of("[::1]:9000", "a.b:1"),
                AllowedHosts.of("::1, A.b:1", "0.0.0.0", 9000).entries());
        AllowedHosts h = AllowedHosts.of("", "127.0.0.1", 8088);
        assertTrue(h.allowsOrigin("http://localhost:8088"));
        assertFalse(h.allowsOrigin("http://localhost:8088/x"));
        assertFalse(h.allowsOrigin("https://localhost"));
        assertFalse(h.allowsHost(""));
        List<String> log = new ArrayList<>();
        HttpSettings.reader(log::add).read(Map.of("http.allowed.hosts", "a b"));
        assertEquals(1, log.size(), log.toString());
    }

    /** Loopback only without a token: another address serves nothing until a token is set. */
    @Test
    void noTokenNoNetwork() throws Exception {
        assertTrue(HttpSettings.from(Map.of()).loopback());
        assertTrue(HttpSettings.from(Map.of("http.host", "localhost")).loopback());
        assertFalse(HttpSettings.from(Map.of("http.host", "0.0.0.0")).loopback());
        assertFalse(
                HttpSettings.from(Map.of("http.host", "no-such-host.invalid")).loopback());

        server.modified(Map.of("http.port", String.valueOf(port), "http.host", "0.0.0.0"));
        assertThrows(IOException.class, () -> send("GET", "/api/things", null, null));
        assertEquals(0, ctx.getRoutes().size(), "no routes while refused: " + ctx.getRoutes());
        server.bindRestRoutes(new RestRoutes() {
            @Override
            public void configure() {
                rest("/api/late").get().to("direct:late");
                from("direct:late").setBody(constant(Map.of()));
            }
        });
        assertEquals(0, ctx.getRoutes().size(), "a contribution waits: " + ctx.getRoutes());

        server.modified(Map.of("http.port", String.valueOf(port), "http.host", "0.0.0.0", "http.api.token", "t0k"));
        assertEquals(200, send("GET", "/api/things", null, "Bearer t0k").statusCode());
        assertEquals(200, send("GET", "/api/late", null, "Bearer t0k").statusCode());
        server.modified(Map.of("http.port", String.valueOf(port)));
        assertEquals(200, send("GET", "/api/late", null, null).statusCode());
    }

    @Test
    void tokenCompareIgnoresNothing() {
        BearerTokenCheck check = new BearerTokenCheck("s3cret");
        assertTrue(check.accepts("Bearer s3cret"));
        assertTrue(check.accepts(" Bearer s3cret "));
        assertFalse(check.accepts("Bearer s3cre"));
        assertFalse(check.accepts("Bearer s3cret2"));
        assertFalse(check.accepts("bearer s3cret"));
        assertFalse(check.accepts(null));
    }

    @Test
    void settingsDefaults() {
        HttpSettings s = HttpSettings.of(HttpSettings.reader(w -> {}).read(Map.of()));
        assertEquals("127.0.0.1", s.host());
        assertEquals(8088, s.port());
        assertFalse(s.authenticated());
    }

    /** PID io.switchboard.http: a bad value is logged with PID, key and value; the previous one is kept. */
    @Test
    void aBadSettingKeepsThePreviousOne() throws Exception {
        List<String> log = new ArrayList<>();
        SettingsReader<HttpServerSettings> reader = HttpSettings.reader(log::add);
        reader.read(Map.of("http.port", "9000", "http.api.token", "s3cret"));
        HttpSettings s = HttpSettings.of(reader.read(Map.of("http.port", "70000", "http.api.token", "other")));
        assertEquals(new HttpSettings("127.0.0.1", 9000, "other", ""), s);
        assertEquals(List.of("io.switchboard.http: http.port = '70000' rejected (more than 65535); keeping 9000"), log);

        server.modified(Map.of("http.port", "x"));
        assertEquals(port, server.settings().port());
        assertEquals(200, send("GET", "/api/things", null, null).statusCode(), "still served on the previous port");
    }

    @Test
    void pathMatching() {
        assertTrue(RestIndex.matches("/api/calls/{callId}", "/api/calls/abc?x=1"));
        assertTrue(RestIndex.matches("/api/calls/{callId}", "http://h:1/api/calls/abc/"));
        assertFalse(RestIndex.matches("/api/calls/{callId}", "/api/calls"));
        assertFalse(RestIndex.matches("/api/calls/{callId}", "/api/calls/a/b"));
        assertEquals("{\"error\":\"a \\\"b\\\"\\n\",\"status\":400}", JsonError.json(400, "a \"b\"\n"));
    }

    private static void assertError(HttpResponse<String> r, int status, String containing) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().toString());
        assertTrue(r.body().startsWith("{\"error\":\""), r.body());
        assertTrue(r.body().contains(containing), r.body());
        assertTrue(r.body().endsWith(",\"status\":" + status + "}"), r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** One request written as is on a socket (java.net.http sets Host itself); the whole answer as text. */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertRaw(String response, int status, String containing) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/json"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(
                body.startsWith("{\"error\":\"")
                        && body.contains(containing)
                        && body.endsWith(",\"status\":" + status + "}"),
                body);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
