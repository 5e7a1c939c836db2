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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        // curl -d declares form-urlencoded: still read as JSON, and a bad body still gets its 400
        HttpResponse<String> form = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"c\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, form.statusCode(), form.body());
        HttpResponse<String> badForm = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("a=b&c"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(badForm, 400, "bad JSON");
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
        assertEquals(new HttpSettings("127.0.0.1", 9000, "other"), s);
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
