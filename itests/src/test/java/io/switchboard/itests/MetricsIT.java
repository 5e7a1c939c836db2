package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterStack;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Prometheus metrics on the wire (bundles/metrics): SIPp sends OPTIONS, a malformed request and a call through the
 * proxy, a Diameter peer sends CER and a UAR, {@code /metrics} counts them by method, transport and status class
 * (and the call's dialog and proxy meters, the Diameter messages by command and result; every other bundle's
 * families are there too) and
 * passes {@code promtool check metrics}, {@code switchboard:stats} shows the same series, and a real
 * Prometheus (Debian {@code prometheus}, its config and data under target/) scrapes the platform and answers a query
 * for the SIP request counter over its HTTP API. The shipped Grafana dashboard ({@code grafana/switchboard.json}
 * of the distribution) is checked against that Prometheus: every panel's expression parses and names only metrics
 * the platform exposes.
 */
public class MetricsIT extends SwitchboardTestSupport {

    private static final Pattern EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\b((?:switchboard|jvm|process|system)_[a-z0-9_]+)\\b");
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.e+]+,\"([0-9.e+]+)\"\\]");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void prometheusScrapesTheSipRequestCounterAndTheDashboardQueriesParse() throws Exception {
        await("GET /metrics", () -> {
            try {
                return api("GET", "/metrics", null).statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        // the shared platform has served the other ITs: every count below is a difference to this scrape
        String before = api("GET", "/metrics", null).body();
        assertSucceeded(Sipp.run("metrics-options", "options.xml", Transport.UDP, sipPort(), 5));
        assertSucceeded(Sipp.run("metrics-malformed", "malformed-then-options.xml", Transport.UDP, sipPort(), 1));
        for (String status : sendTwice("OPTIONS")) {
            assertTrue(status, status.startsWith("SIP/2.0 200"));
        }
        List<String> register = sendTwice("REGISTER");
        assertEquals("the transaction repeats its answer", register.get(0), register.get(1));
        // a call through the proxy: requests and responses sent and received, the dialog meters
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("metrics-call", "uas-call.xml", sipPort(), uasPort, 1);
            try {
                Result uac = Sipp.run("metrics-call", "uac-call.xml", Transport.UDP, sipPort(), 1);
                Result callee = uas.await();
                assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
                assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
            } finally {
                uas.kill();
            }
        });
        await("the call ended in the metrics", () -> {
            try {
                return delta(
                                before,
                                api("GET", "/metrics", null).body(),
                                "switchboard_calls_ended_total{reason=\"bye\"}")
                        == 1;
            } catch (Exception e) {
                return false;
            }
        });

        diameterTraffic();

        HttpResponse<String> scrape = api("GET", "/metrics", null);
        assertEquals(200, scrape.statusCode());
        assertTrue(
                scrape.headers().firstValue("Content-Type").orElse(""),
                scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = scrape.body();
        String listener = "listener=\"127.0.0.1:" + sipPort() + "\"";
        // SIPp's 5 + 1 after its malformed request + the raw pair
        String series =
                "switchboard_sip_requests_received_total{" + listener + ",method=\"OPTIONS\",transport=\"udp\"}";
        assertDelta(before, text, series, 8);
        // OPTIONS over UDP have no server transaction (sip option stateless, docs/decisions.md 34): the raw
        // retransmission is a new request, answered again by the route, and no retransmission is counted
        assertDelta(
                before,
                text,
                "switchboard_sip_retransmissions_total{direction=\"received\"," + listener
                        + ",method=\"OPTIONS\",transport=\"udp\"}",
                0);
        assertDelta(
                before,
                text,
                "switchboard_sip_retransmissions_total{direction=\"received\"," + listener
                        + ",method=\"REGISTER\",transport=\"udp\"}",
                1);
        assertDelta(before, text, "switchboard_sip_parse_errors_total{" + listener + ",transport=\"udp\"}", 1);
        // 8: every OPTIONS answered by the route, the raw retransmission too
        assertDelta(
                before,
                text,
                "switchboard_sip_responses_sent_total{" + listener
                        + ",method=\"OPTIONS\",status_class=\"2xx\",transport=\"udp\"}",
                8);
        // the 400 to the malformed request (its CSeq did not parse: no method)
        assertDelta(
                before,
                text,
                "switchboard_sip_responses_sent_total{" + listener
                        + ",method=\"other\",status_class=\"4xx\",transport=\"udp\"}",
                1);
        assertTrue(text, text.contains("switchboard_camel_route_exchanges_total{route=\"sip-main\"}"));
        assertTrue(text, text.contains("jvm_memory_used_bytes{"));
        assertDelta(before, text, "switchboard_calls_answered_total", 1);
        assertDelta(before, text, "switchboard_calls_post_dial_delay_seconds_count", 1);
        assertDelta(before, text, "switchboard_calls_duration_seconds_count", 1);
        assertDelta(
                before,
                text,
                "switchboard_sip_requests_sent_total{" + listener + ",method=\"INVITE\",transport=\"udp\"}",
                1);
        assertDelta(
                before,
                text,
                "switchboard_sip_responses_received_total{" + listener
                        + ",method=\"INVITE\",status_class=\"2xx\",transport=\"udp\"}",
                1);
        // one branch for the INVITE, one for the BYE (the ACK of the 2xx is relayed without a transaction)
        assertDelta(before, text, "switchboard_proxy_branches_total{" + listener + "}", 2);
        assertDelta(
                before,
                text,
                "switchboard_diameter_requests_total{application=\"base\",command=\"CER\",direction=\"received\"}",
                1);
        assertDelta(
                before,
                text,
                "switchboard_diameter_answers_total{application=\"base\",command=\"CER\",direction=\"sent\","
                        + "result=\"2001\"}",
                1);
        assertDelta(
                before,
                text,
                "switchboard_diameter_requests_total{application=\"cx\",command=\"UAR\",direction=\"received\"}",
                1);
        assertEquals(
                "UAAs sent, whatever their result, in\n" + text,
                1,
                sum(text, "switchboard_diameter_answers_total{application=\"cx\",command=\"UAR\",direction=\"sent\",")
                        - sum(
                                before,
                                "switchboard_diameter_answers_total{application=\"cx\",command=\"UAR\","
                                        + "direction=\"sent\","),
                0.0);
        // the other bundles' meters, registered through the same registry
        for (String family : new String[] {
            "switchboard_diameter_peers{state=\"open\"} ",
            "switchboard_cgrates_outbox_rows{state=\"pending\"} ",
            "switchboard_cgrates_cdrs_total{outcome=\"delivered\"} ",
            "switchboard_cgrates_prepaid_cuts_total ",
            "switchboard_esl_inbound_connections{state=\"idle\"} ",
            "switchboard_esl_outbound_sessions ",
            "switchboard_esl_commands_total{command=\"api\",outcome=\"ok\"} ",
            "switchboard_events_published_total ",
            "switchboard_events_dropped_total ",
            "switchboard_events_subscriptions ",
            "switchboard_push_notifications_total{outcome=\"failed\"} ",
            "switchboard_dfks_sets_total{feature=\"dnd\",outcome=\"ok\"} ",
            "switchboard_sca_appearances{state=\"seized\"} ",
            "switchboard_ussd_sessions_total{origin=\"ue\",outcome=\"completed\"} ",
            "switchboard_dialogs_active{state=\"answered\"} ",
            "switchboard_calls_started_total ",
            "switchboard_registrar_aors ",
            "switchboard_registrar_registers_total{status=\"200\"} ",
            "switchboard_subscriptions_active{event=\"as-feature-event\"} ",
            "switchboard_subscriptions_notifies_total{outcome=\"failed\"} ",
            "switchboard_db_pool_connections{state=\"active\"} ",
            "switchboard_http_responses_total{status=\"200\"} ",
        }) {
            assertTrue(family + " in\n" + text, text.contains("\n" + family));
        }
        Path dir = Path.of(System.getProperty(SwitchboardConfiguration.SIPP_OUTPUT))
                .getParent()
                .resolve("prometheus-it");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("scrape.prom"), text);
        assertEquals("promtool check metrics", 0, run(dir, "promtool", "check", "metrics"));

        String stats = executeCommand("switchboard:stats --prefix switchboard_sip_requests_received");
        assertTrue(stats, stats.contains(series + " " + sample(text, series)));

        int promPort = freePort();
        Files.writeString(
                dir.resolve("prometheus.yml"),
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                        + "scrape_configs:\n  - job_name: switchboard\n    metrics_path: /metrics\n"
                        + "    static_configs:\n      - targets: ['127.0.0.1:"
                        + System.getProperty(SwitchboardConfiguration.HTTP_PORT) + "']\n");
        Process prometheus = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data-" + System.nanoTime()),
                        "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try {
            String query = "sum(switchboard_sip_requests_received_total{method=\"OPTIONS\"})";
            await("Prometheus has scraped the OPTIONS counter", () -> {
                String v = value(promPort, query);
                return v != null && Double.parseDouble(v) >= sample(text, series);
            });
            checkDashboard(promPort, text);
        } finally {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The value of one series in a scrape, 0 when the scrape does not have it (yet). */
    static double sample(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /** The sum of the series of a scrape whose text starts with {@code prefix} (a family and some labels). */
    static double sum(String scrape, String prefix) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return total;
    }

    static double delta(String before, String after, String series) {
        return sample(after, series) - sample(before, series);
    }

    private static void assertDelta(String before, String after, String series, double expected) {
        assertEquals(series + " grew by\n" + after, expected, delta(before, after, series), 0.0);
    }

    /** Every panel expression parses in Prometheus and names only metrics of the scrape. */
    private void checkDashboard(int promPort, String scrape) throws Exception {
        Path dashboard = Path.of(System.getProperty("karaf.home"), "grafana", "switchboard.json");
        String json = Files.readString(dashboard);
        assertTrue(json, json.contains("\"type\": \"datasource\"") && json.contains("\"query\": \"prometheus\""));
        Matcher m = EXPR.matcher(json);
        List<String> exprs = new ArrayList<>();
        while (m.find()) {
            exprs.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        assertTrue("panels with expressions in " + dashboard, exprs.size() >= 10);
        for (String expr : exprs) {
            // Grafana's own variable: Prometheus sees the interval Grafana would put in its place
            String promql = expr.replace("$__rate_interval", "1m");
            HttpResponse<String> r = query(promPort, promql);
            assertEquals(promql + " -> " + r.body(), 200, r.statusCode());
            Set<String> names = new LinkedHashSet<>();
            Matcher n = METRIC.matcher(promql);
            while (n.find()) {
                names.add(n.group(1));
            }
            assertTrue("no metric in " + expr, !names.isEmpty());
            for (String name : names) {
                assertTrue(
                        name + " of panel '" + expr + "' is not in /metrics",
                        scrape.contains("\n" + name + "{") || scrape.contains("\n" + name + " "));
            }
        }
    }

    /**
     * A Cx peer on a port of its own: CER (CEA 2001) and one UAR, whatever the HSS answers it. The node's settings
     * are put back afterwards (other ITs of the shared platform set their own).
     */
    private void diameterTraffic() throws Exception {
        String peer = "metrics.ims.test";
        int port = SwitchboardConfiguration.freeTcpPort();
        Configuration c = service(ConfigurationAdmin.class).getConfiguration("io.switchboard.diameter", null);
        Dictionary<String, Object> old = c.getProperties();
        Dictionary<String, Object> props = new Hashtable<>();
        if (old != null) {
            for (Enumeration<String> keys = old.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                props.put(k, old.get(k));
            }
        }
        props.put("port", String.valueOf(port));
        props.put("origin.host", "hss.ims.test");
        props.put("origin.realm", "ims.test");
        props.put("peers", peer);
        c.update(props);
        try {
            DiameterStack stack = service(DiameterStack.class);
            await(
                    "the node restarted with the test settings",
                    () -> stack.peers().stream().anyMatch(p -> p.identity().equals(peer)));
            try (CxTestPeer p = CxTestPeer.connect(port, peer, "ims.test")) {
                DiameterMessage uaa = p.send(p.request(
                        "UAR",
                        "ims.test",
                        CxTestPeer.avp("User-Name", "metrics@ims.test"),
                        CxTestPeer.avp("Public-Identity", "sip:metrics@ims.test"),
                        CxTestPeer.avp("Visited-Network-Identifier", "ims.test")));
                assertEquals(300, uaa.commandCode());
                await("the peer open in the gauge", () -> {
                    try {
                        return sample(api("GET", "/metrics", null).body(), "switchboard_diameter_peers{state=\"open\"}")
                                == 1;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        } finally {
            if (old == null) {
                c.delete();
            } else {
                c.update(old);
            }
        }
    }

    /**
     * A request over UDP, then the very same datagram again (a retransmission); returns both answers' status lines.
     * An OPTIONS is answered twice by the route (no server transaction); a REGISTER's copy is answered by its
     * transaction, without the route, and counted as a retransmission.
     */
    private List<String> sendTwice(String method) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            int port = socket.getLocalPort();
            String callId = "metrics-" + System.nanoTime();
            String request = method + " sip:metrics@127.0.0.1:" + sipPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + callId + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:metrics@127.0.0.1>;tag=1\r\nTo: <sip:metrics@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\n"
                    + "Contact: <sip:metrics@127.0.0.1:" + port + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort());
            byte[] buf = new byte[4096];
            List<String> statusLines = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                socket.send(new DatagramPacket(bytes, bytes.length, to));
                DatagramPacket answer = new DatagramPacket(buf, buf.length);
                socket.receive(answer);
                String text = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
                statusLines.add(text.substring(0, text.indexOf("\r\n")));
            }
            return statusLines;
        }
    }

    private String value(int promPort, String promql) {
        try {
            HttpResponse<String> r = query(promPort, promql);
            Matcher m = VALUE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? m.group(1) : null;
        } catch (Exception notYet) {
            return null;
        }
    }

    private HttpResponse<String> query(int promPort, String promql) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + promPort + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectInput(dir.resolve("scrape.prom").toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(cmd[0] + ".log").toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(dir.resolve(cmd[0] + ".log")));
        }
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
