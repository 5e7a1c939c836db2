package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIP during Karaf's boot, on the wire: the distribution started as a separate process ({@link ExternalKaraf}, as
 * RestartIT), OPTIONS sent over UDP every {@value #INTERVAL_MILLIS} ms from the moment the process starts. Once the
 * connector answers at all, every request is answered (it opened once and never closed again: no request lost), with
 * 503 and Retry-After until the platform is ready and 200 from then on, never 503 again; karaf.log has one "listening"
 * line and one "SIP serving" line per boot. Twice: a first boot (Karaf installs the features) and a restart from its
 * cache (bundles started by start level, Karaf's BootFinished published early).
 */
class BootReadinessIT {

    private static final int BOOT_SECONDS = 180;
    private static final int INTERVAL_MILLIS = 20;
    /** Requests sent after the first 200, all of which must be 200. */
    private static final int AFTER_READY = 100;

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)\\s*:\\s*boot-(\\d+)-(\\d+)@probe\\s*$");
    private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After\\s*:\\s*\\d+");

    @Test
    void sipAnswers503UntilReadyThen200AndLosesNothingOnAFirstBootAndARestart() throws Exception {
        Path assembly = Path.of(required("switchboard.assembly"));
        Path dir = Path.of(required(SwitchboardConfiguration.EXAM_DIR))
                .toAbsolutePath()
                .resolveSibling("boot-readiness");
        try (ExternalKaraf karaf = ExternalKaraf.unpack(assembly, dir)) {
            for (int run = 1; run <= 2; run++) {
                int logBefore = karaf.logText().length();
                Probe p = probe(karaf, run);
                String boot = karaf.logText().substring(logBefore);
                assertEquals(1, count(boot, "SIP connector listening on"), p + ": the connector opened once");
                assertEquals(1, count(boot, "SIP serving: the platform is ready"), p + ": one INFO line");
                // the port opens while the bundles start; serving comes after them (ready first was the restart's bug)
                assertTrue(
                        boot.indexOf("SIP connector listening on") < boot.indexOf("SIP serving: the platform is ready"),
                        p + ": the platform was ready before its SIP listener opened");
                karaf.stop();
            }
        }
    }

    /** What one boot answered, by request number (sent in that order). */
    private record Probe(int run, TreeMap<Integer, Integer> statuses, int sent, List<String> problems) {

        @Override
        public String toString() {
            int n503 = (int) statuses.values().stream().filter(s -> s == 503).count();
            return "boot " + run + ": " + sent + " sent, " + statuses.size() + " answered (" + n503
                    + " with 503), first " + (statuses.isEmpty() ? "none" : statuses.firstKey());
        }
    }

    private Probe probe(ExternalKaraf karaf, int run) throws IOException, InterruptedException {
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        karaf.launch();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(INTERVAL_MILLIS);
            InetSocketAddress platform = new InetSocketAddress(InetAddress.getLoopbackAddress(), karaf.sipPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOOT_SECONDS);
            Integer firstOk = null;
            while (firstOk == null || sent <= firstOk + AFTER_READY) {
                if (System.nanoTime() > deadline) {
                    fail("no 200 to OPTIONS within " + BOOT_SECONDS + " s of the start; " + statuses.size()
                            + " answered; see " + karaf.log());
                }
                if (!karaf.alive()) {
                    fail("Karaf ended during boot " + run + "; see " + karaf.log());
                }
                byte[] request = options(run, sent, socket.getLocalPort(), karaf.sipPort);
                socket.send(new DatagramPacket(request, request.length, platform));
                sent++;
                receive(socket, run, statuses, problems, System.nanoTime() + INTERVAL_MILLIS * 1_000_000L);
                firstOk = statuses.entrySet().stream()
                        .filter(e -> e.getValue() == 200)
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
            }
            receive(socket, run, statuses, problems, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        }
        Probe p = new Probe(run, statuses, sent, problems);
        assertTrue(problems.isEmpty(), p + ": " + problems);
        int firstAnswered = statuses.firstKey();
        int firstOk = statuses.entrySet().stream()
                .filter(e -> e.getValue() == 200)
                .findFirst()
                .orElseThrow()
                .getKey();
        for (int i = firstAnswered; i < sent; i++) {
            Integer status = statuses.get(i);
            if (status == null) {
                fail(p + ": request " + i + " lost after the connector first answered (" + firstAnswered + ")");
            }
            if (i < firstOk && status != 503) {
                fail(p + ": request " + i + " answered " + status + " before the platform was ready");
            }
            if (i > firstOk && status != 200) {
                fail(p + ": request " + i + " answered " + status + " after the first 200 (" + firstOk + ")");
            }
        }
        return p;
    }

    private static void receive(
            DatagramSocket socket, int run, Map<Integer, Integer> statuses, List<String> problems, long until)
            throws IOException {
        byte[] buf = new byte[8192];
        while (System.nanoTime() < until) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException quiet) {
                continue;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            Matcher status = STATUS.matcher(text);
            Matcher callId = CALL_ID.matcher(text);
            if (!status.find() || !callId.find() || Integer.parseInt(callId.group(1)) != run) {
                problems.add("unexpected message: " + text);
                continue;
            }
            int code = Integer.parseInt(status.group(1));
            int n = Integer.parseInt(callId.group(2));
            if (code != 200 && code != 503) {
                problems.add("request " + n + " answered " + code + ": " + text);
            } else if (code == 503 && !RETRY_AFTER.matcher(text).find()) {
                problems.add("request " + n + " answered 503 without Retry-After: " + text);
            }
            if (statuses.put(n, code) != null) {
                problems.add("request " + n + " answered twice");
            }
        }
    }

    private static byte[] options(int run, int n, int localPort, int sipPort) {
        String text = "OPTIONS sip:sb@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-boot-" + run + "-" + n + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=probe" + run + "\r\n"
                + "To: <sip:sb@127.0.0.1:" + sipPort + ">\r\n"
                + "Call-ID: boot-" + run + "-" + n + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            fail("system property " + property + " not set (run through failsafe)");
        }
        return v;
    }
}
