package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;

/**
 * The REST/JSON API (bundles/http and the RestRoutes of store, registrar and dialog) with a real HTTP
 * client (java.net.http) and SIPp on the wire: a subscriber added over REST registers with digest and shows
 * in /api/registrations; calls held between a SIPp UAC and UAS show in /api/calls and end with DELETE (both
 * SIPp sides must get the BYE and answer it, else they exit non-zero); JSON errors; the bearer token.
 */
public class RestApiIT extends SwitchboardTestSupport {

    /** A call of /api/calls: the JSON keys come in this order (CallsJson). */
    private static final Pattern CALL = Pattern.compile(
            "\\{\"callId\":\"([^\"]+)\",\"from\":\"([^\"]*)\",\"to\":\"([^\"]*)\",\"state\":\"([A-Z]+)\"([^}]*)}");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int httpPort() {
        return Integer.parseInt(System.getProperty(SwitchboardConfiguration.HTTP_PORT));
    }

    @Before
    public void awaitApi() throws Exception {
        await("REST API up with registrations, calls and subscribers", () -> {
            try {
                HttpResponse<String> r = api("GET", "/api", null);
                return r.statusCode() == 200
                        && r.body().contains("\"/api/registrations\"")
                        && r.body().contains("\"/api/calls/{callId}\"")
                        && r.body().contains("\"/api/subscribers\"");
            } catch (Exception notYet) {
                return false;
            }
        });
        await(
                "registrar in the routes",
                () -> fileStatus("sip.xml").map(s -> s.state() == State.LOADED).orElse(false)
                        && context.getComponent("registrar") != null
                        && context.getComponent("location") != null);
    }

    @Test
    public void subscriberAddedOverRestRegistersAndIsListed() throws Exception {
        assertError(api("POST", "/api/subscribers", "{\"username\": \"resty\", "), 400, "bad JSON");
        assertError(
                api("POST", "/api/subscribers", "{\"username\":\"resty\",\"domain\":\"127.0.0.1\"}"),
                400,
                "password is required");
        assertError(
                api(
                        "POST",
                        "/api/subscribers",
                        "{\"username\":\"re sty\",\"domain\":\"127.0.0.1\",\"password\":\"x\"}"),
                400,
                "username has characters");

        String body = "{\"username\":\"resty\",\"domain\":\"127.0.0.1\",\"password\":\"rest-pw-1\"}";
        HttpResponse<String> created = api("POST", "/api/subscribers", body);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(
                "/api/subscribers/resty@127.0.0.1",
                created.headers().firstValue("Location").orElse(""));
        assertTrue(created.body(), created.body().contains("\"aor\":\"resty@127.0.0.1\""));
        assertFalse("no password in " + created.body(), created.body().contains("rest-pw"));
        HttpResponse<String> replaced = api("PUT", "/api/subscribers", body.replace("rest-pw-1", "rest-pw-2"));
        assertEquals(replaced.body(), 200, replaced.statusCode());

        HttpResponse<String> one = api("GET", "/api/subscribers/resty@127.0.0.1", null);
        assertEquals(one.body(), 200, one.statusCode());
        assertTrue(one.body(), one.body().contains("\"secrets\":[\"password\",\"ha1-md5\",\"ha1-sha256\"]"));
        assertFalse(one.body(), one.body().contains("rest-pw"));
        assertTrue(api("GET", "/api/subscribers", null).body().contains("\"aor\":\"resty@127.0.0.1\""));

        Result reg = Sipp.run(
                "rest-register",
                "register-digest.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "resty",
                "-au",
                "resty",
                "-ap",
                "rest-pw-2");
        assertEquals(reg.report(), 0, reg.exitCode());

        HttpResponse<String> all = api("GET", "/api/registrations", null);
        assertEquals(all.body(), 200, all.statusCode());
        assertTrue(
                all.body(),
                all.body().contains("{\"aor\":\"resty@127.0.0.1\",\"contacts\":[{\"uri\":\"sip:resty@127.0.0.1:"));
        HttpResponse<String> mine = api("GET", "/api/registrations/resty@127.0.0.1", null);
        assertEquals(mine.body(), 200, mine.statusCode());
        for (String field : new String[] {
            "\"expires\":",
            "\"source\":\"udp:127.0.0.1:",
            "\"transport\":\"udp\"",
            "\"receivedAddress\":\"127.0.0.1\"",
            "\"userAgent\":\"switchboard-itests\"",
            "\"callId\":\"",
            "\"cseq\":2"
        }) {
            assertTrue(field + " in " + mine.body(), mine.body().contains(field));
        }
        Matcher expires = Pattern.compile("\"expires\":(\\d+)").matcher(mine.body());
        assertTrue(expires.find());
        int seconds = Integer.parseInt(expires.group(1));
        assertTrue("expires " + seconds, seconds > 590 && seconds <= 600);
        assertError(
                api("GET", "/api/registrations/ghost@127.0.0.1", null), 404, "no live contacts for ghost@127.0.0.1");

        assertEquals(
                204, api("DELETE", "/api/subscribers/resty@127.0.0.1", null).statusCode());
        assertError(api("DELETE", "/api/subscribers/resty@127.0.0.1", null), 404, "no subscriber resty@127.0.0.1");
        assertError(api("GET", "/api/subscribers/resty@127.0.0.1", null), 404, "no subscriber");
    }

    /** Calls held between SIPp UAC and UAS, listed as answered with their duration, ended one by one with DELETE. */
    @Test
    public void liveCallsAreListedAndDeleteSendsByeToBothSides() throws Exception {
        int calls = 10;
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("rest-calls", "uas-call-held.xml", sipPort(), uasPort, calls);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<Result> uac = caller.submit(
                        () -> Sipp.run("rest-calls", "uac-call-held.xml", Transport.UDP, sipPort(), calls));
                List<String[]> live = new ArrayList<>();
                await(calls + " answered calls to itest-callee in GET /api/calls", () -> {
                    live.clear();
                    try {
                        live.addAll(callsTo(
                                "itest-callee",
                                "ANSWERED",
                                api("GET", "/api/calls", null).body()));
                    } catch (Exception notYet) {
                        return false;
                    }
                    return live.size() == calls;
                });
                Thread.sleep(1100); // a second of talk time at least

                // latency of GET /api/calls with these calls live (sequential, keep-alive)
                long[] nanos = new long[200];
                String listing = null;
                for (int i = 0; i < nanos.length; i++) {
                    long t = System.nanoTime();
                    listing = get("/api/calls");
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf(
                        "RestApiIT: GET /api/calls with %d live calls (%d bytes): median %.2f ms, p95 %.2f ms, max "
                                + "%.2f ms%n",
                        calls,
                        listing.length(),
                        nanos[nanos.length / 2] / 1e6,
                        nanos[nanos.length * 95 / 100] / 1e6,
                        nanos[nanos.length - 1] / 1e6);

                String first = live.get(0)[0];
                String fields = live.get(0)[4];
                assertTrue(
                        fields,
                        fields.contains("\"createdAt\":\"20")
                                && fields.contains("\"ringingAt\":\"20")
                                && fields.contains("\"answeredAt\":\"20"));
                Matcher pdd = Pattern.compile("\"pddMillis\":(\\d+)").matcher(fields);
                assertTrue(fields, pdd.find());
                Matcher duration = Pattern.compile("\"durationSeconds\":(\\d+)")
                        .matcher(listing.substring(listing.indexOf(first)));
                assertTrue(listing, duration.find());
                assertTrue("duration so far " + duration.group(1), Integer.parseInt(duration.group(1)) >= 1);

                HttpResponse<String> one = api("GET", "/api/calls/" + encode(first), null);
                assertEquals(one.body(), 200, one.statusCode());
                assertTrue(one.body(), one.body().startsWith("{\"callId\":\"" + first + "\""));

                List<Long> deleteMillis = new ArrayList<>();
                for (String[] call : live) {
                    long t = System.nanoTime();
                    HttpResponse<String> ended = api("DELETE", "/api/calls/" + encode(call[0]), null);
                    deleteMillis.add((System.nanoTime() - t) / 1_000_000);
                    assertEquals(ended.body(), 202, ended.statusCode());
                    assertTrue(
                            ended.body(),
                            ended.body().contains("\"state\":\"ENDED\"")
                                    && ended.body().contains("\"endReason\":\"admin\"")
                                    && ended.body().contains("\"endedBy\":\"operator\""));
                }
                System.out.println("RestApiIT: DELETE /api/calls/{callId} round trips (ms): " + deleteMillis);

                Result callerResult = uac.get(60, TimeUnit.SECONDS);
                Result calleeResult = uas.await();
                assertEquals(
                        "caller (must get a BYE for every call and answer it):\n" + callerResult.report(),
                        0,
                        callerResult.exitCode());
                assertEquals(
                        "callee (must get a BYE for every call and answer it):\n" + calleeResult.report(),
                        0,
                        calleeResult.exitCode());
                assertEquals(calleeResult.messages(), calls, count(calleeResult.messages(), "BYE sip:"));
                assertEquals(callerResult.messages(), calls, count(callerResult.messages(), "BYE sip:"));

                String ended = get("/api/calls/ended");
                for (String[] call : live) {
                    Matcher m = CALL.matcher(ended.substring(ended.indexOf("{\"callId\":\"" + call[0] + "\"")));
                    assertTrue(ended, m.lookingAt());
                    assertEquals("ENDED", m.group(4));
                    assertTrue(m.group(5), m.group(5).contains("\"endReason\":\"admin\",\"endedBy\":\"operator\""));
                }
                assertTrue(
                        callsTo("itest-callee", "ANSWERED", get("/api/calls")).isEmpty());
                assertError(api("GET", "/api/calls/" + encode(first), null), 404, "no live call");
                assertError(api("DELETE", "/api/calls/" + encode(first), null), 404, "no live call");
            } finally {
                caller.shutdownNow();
                uas.kill();
            }
        });
    }

    @Test
    public void errorsAreJson() throws Exception {
        assertError(api("GET", "/api/nothing-here", null), 404, "no such resource: /api/nothing-here");
        assertError(
                api("DELETE", "/api/calls/no-such-call@example.net", null),
                404,
                "no live call no-such-call@example.net");
        HttpResponse<String> wrongMethod = api("POST", "/api/calls", "{}");
        assertError(wrongMethod, 405, "method not allowed on /api/calls");
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertError(api("POST", "/api/subscribers", "[\"not\", \"an\", \"object\"]"), 400, "bad JSON");
        assertError(api("POST", "/api/subscribers", ""), 400, "expected a JSON object");
        assertError(api("GET", "/api/registrations/not-an-aor", null), 400, "not an AoR");
        // the server keeps serving
        assertEquals(200, api("GET", "/api/calls", null).statusCode());
    }

    /**
     * What a web page the operator visits could make the browser send: a text/plain or form POST creating a
     * subscriber (CSRF) gets 415 and creates nothing; a page under its own name resolved to 127.0.0.1 (DNS rebinding)
     * gets 421; a cross-site Origin 403; every answer JSON, also to a request that declares text/plain.
     */
    @Test
    public void aBrowserCannotAbuseTheApi() throws Exception {
        String evil = "{\"username\":\"csrf\",\"domain\":\"127.0.0.1\",\"password\":\"known\"}";
        for (String type :
                List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/subscribers"))
                            .header("Content-Type", type)
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(evil))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(r, 415, "request body must be application/json, not " + type);
        }
        assertError(api("GET", "/api/subscribers/csrf@127.0.0.1", null), 404, "no subscriber");

        String rebound = raw("POST /api/subscribers HTTP/1.1\r\nHost: attacker.example:" + httpPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + evil.length() + "\r\n\r\n" + evil);
        assertTrue(rebound, rebound.startsWith("HTTP/1.1 421 "));
        assertTrue(
                rebound,
                rebound.endsWith("{\"error\":\"this server does not answer for host attacker.example:" + httpPort()
                        + "\",\"status\":421}"));
        String crossSite = raw("POST /api/subscribers HTTP/1.1\r\nHost: localhost:" + httpPort()
                + "\r\nOrigin: https://attacker.example\r\nContent-Type: application/json\r\nContent-Length: "
                + evil.length() + "\r\n\r\n" + evil);
        assertTrue(
                crossSite, crossSite.startsWith("HTTP/1.1 403 ") && crossSite.contains("cross-origin request refused"));
        assertError(api("GET", "/api/subscribers/csrf@127.0.0.1", null), 404, "no subscriber");
        String local =
                raw("GET /api/calls HTTP/1.1\r\nHost: localhost:" + httpPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(local, local.startsWith("HTTP/1.1 200 ") && local.endsWith("{\"calls\":[]}"));

        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort() + "/api/subscribers/nobody@127.0.0.1"))
                        .header("Content-Type", "text/plain")
                        .header("Accept", "text/plain")
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(plain, 404, "no subscriber nobody@127.0.0.1");
    }

    /**
     * One request written as is (java.net.http sets Host itself); the whole answer, the server closes after an error.
     */
    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** http.api.token set in etc/io.switchboard.http.cfg: the server re-binds and wants the bearer token. */
    @Test
    public void tokenInTheCfgFileProtectsEveryPath() throws Exception {
        Path cfg = Path.of(System.getProperty("karaf.etc"), "io.switchboard.http.cfg");
        String original = Files.readString(cfg, StandardCharsets.UTF_8);
        try {
            Files.writeString(
                    cfg,
                    original.replaceAll("(?m)^http\\.api\\.token.*$", "") + "\nhttp.api.token = itest-token-42\n",
                    StandardCharsets.UTF_8);
            // a re-bind adds the contributions one after the other: wait for the last one too
            await(
                    "401 without the token, 200 with it",
                    () -> status("/api/calls", null) == 401 && status("/api/calls", "Bearer itest-token-42") == 200);
            HttpResponse<String> none = api("GET", "/api/calls", null);
            assertError(none, 401, "missing bearer token");
            assertEquals(
                    "Bearer realm=\"switchboard\"",
                    none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, status("/api/calls", "Bearer wrong-token"));
            assertEquals(401, status("/api/no-such-path", null));
            assertEquals(200, status("/api/calls", "Bearer itest-token-42"));
            assertEquals(404, status("/api/no-such-path", "Bearer itest-token-42"));
        } finally {
            // Karaf's file install writes a configuration it has just applied back to its file, asynchronously: that
            // can overwrite a restore written right after the change, so the restore is written until it holds
            for (int attempt = 0; attempt < 5 && !restored(); attempt++) {
                Files.writeString(cfg, original, StandardCharsets.UTF_8);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < deadline && !restored()) {
                    Thread.sleep(100);
                }
            }
        }
        await("no token needed again", this::restored);
    }

    private boolean restored() {
        return status("/api/calls", null) == 200
                && status("/api/subscribers", null) == 200
                && status("/api/registrations", null) == 200;
    }

    private int status(String path, String authorization) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                    .timeout(Duration.ofSeconds(10))
                    .GET();
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** {callId, from, to, state, rest of the object} of the calls to {@code user} in {@code state}. */
    private static List<String[]> callsTo(String user, String state, String json) {
        List<String[]> out = new ArrayList<>();
        Matcher m = CALL.matcher(json);
        while (m.find()) {
            if (m.group(3).contains(user + "@") && m.group(4).equals(state)) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
            }
        }
        return out;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = api("GET", path, null);
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    private static void assertError(HttpResponse<String> r, int status, String containing) {
        assertEquals(r.body(), status, r.statusCode());
        assertTrue(
                r.headers().toString(),
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body(), r.body().startsWith("{\"error\":\"") && r.body().endsWith(",\"status\":" + status + "}"));
        assertTrue(r.body(), r.body().contains(containing));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
