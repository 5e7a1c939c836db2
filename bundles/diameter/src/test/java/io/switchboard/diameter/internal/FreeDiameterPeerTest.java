package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real freeDiameter daemon (Debian {@code freediameterd}) connects to our node as a configured peer: CER/CEA,
 * DWR/DWA both ways, and our DPR/DPA when the node stops. tshark captures the loopback traffic and decodes every
 * message we send: none may be malformed or carry an expert error or warning. Needs {@code freeDiameterd},
 * {@code tshark}, {@code openssl} and capture rights on {@code lo} (root in CI; {@code .ci/run} installs them).
 */
class FreeDiameterPeerTest {

    private static final String FD_EXTENSIONS = "/usr/lib/freeDiameter";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private DiameterNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop();
        }
        processes.forEach(Process::destroy);
    }

    @Test
    void freeDiameterExchangesCapabilitiesWatchdogsAndDisconnectWithUsCleanly() throws Exception {
        int port = Nodes.freePort();
        int fdPort = Nodes.freePort();
        Path pcap = dir.resolve("diameter.pcap");
        Process capture =
                start(dir.resolve("tshark.log"), "tshark", "-i", "lo", "-f", "tcp port " + port, "-w", pcap.toString());
        awaitLine(dir.resolve("tshark.log"), "Capturing on");

        node = Nodes.start(
                Nodes.config("hss.ims.test", port, "fd.ims.test", Map.of("watchdog.interval", "1")),
                new HandlerRegistry());
        writeFreeDiameterConfig(port, fdPort);
        Process fd = start(
                dir.resolve("fd.log"),
                "freeDiameterd",
                "-c",
                dir.resolve("fd.conf").toString());
        PeerStateMachineTest.awaitTrue(() -> node.peers().stream()
                .anyMatch(p -> p.identity().equals("fd.ims.test") && p.state().equals("OPEN")));
        Thread.sleep(3500); // our Tw is 1 s: a few DWR/DWA rounds
        assertTrue(node.table().isOpen("fd.ims.test"), "the watchdog kept the peer open");
        node.stop();
        node = null;
        Thread.sleep(500);
        fd.destroy();
        fd.waitFor(20, TimeUnit.SECONDS);
        Thread.sleep(500);
        capture.destroy();
        capture.waitFor(10, TimeUnit.SECONDS);

        String decodeAs = "tcp.port==" + port + ",diameter";
        List<String> lines = run(
                "tshark",
                "-r",
                pcap.toString(),
                "-d",
                decodeAs,
                "-Y",
                "diameter",
                "-T",
                "fields",
                "-e",
                "tcp.srcport",
                "-e",
                "diameter.cmd.code",
                "-e",
                "diameter.flags.request",
                "-e",
                "diameter.Result-Code");
        List<String> ours =
                lines.stream().filter(l -> l.startsWith(port + "\t")).toList();
        List<String> theirs =
                lines.stream().filter(l -> !l.startsWith(port + "\t")).toList();
        assertTrue(theirs.stream().anyMatch(l -> l.matches(".*\t257\t1\t.*")), "freeDiameter's CER: " + lines);
        assertTrue(ours.stream().anyMatch(l -> l.matches(".*\t257\t0\t2001")), "our CEA 2001: " + lines);
        assertTrue(ours.stream().anyMatch(l -> l.matches(".*\t280\t1\t.*")), "our DWR: " + lines);
        assertTrue(theirs.stream().anyMatch(l -> l.matches(".*\t280\t0\t2001")), "their DWA: " + lines);
        assertTrue(ours.stream().anyMatch(l -> l.matches(".*\t282\t1\t.*")), "our DPR: " + lines);
        assertTrue(theirs.stream().anyMatch(l -> l.matches(".*\t282\t0\t2001")), "their DPA: " + lines);

        String verbose = String.join(
                "\n",
                run("tshark", "-r", pcap.toString(), "-d", decodeAs, "-V", "-Y", "diameter && tcp.srcport==" + port));
        assertTrue(verbose.contains("Vendor-Specific-Application-Id"), verbose);
        assertFalse(verbose.contains("Malformed"), verbose);
        assertFalse(verbose.matches("(?s).*Expert Info \\((Error|Warning)/.*"), verbose);
        List<String> expert = run(
                "tshark",
                "-r",
                pcap.toString(),
                "-d",
                decodeAs,
                "-Y",
                "diameter && tcp.srcport==" + port + " && (_ws.expert.severity >= warning || _ws.malformed)");
        assertEquals(List.of(), expert);
    }

    private void writeFreeDiameterConfig(int port, int fdPort) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        List<String> out = run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=fd.ims.test");
        assertTrue(Files.exists(cert), String.join("\n", out));
        String conf = String.join(
                "\n",
                "Identity = \"fd.ims.test\";",
                "Realm = \"ims.test\";",
                "Port = " + fdPort + ";",
                "SecPort = 0;",
                "ListenOn = \"127.0.0.1\";",
                "No_SCTP;",
                "No_IPv6;",
                "TwTimer = 6;",
                "TLS_Cred = \"" + cert + "\", \"" + key + "\";",
                "TLS_CA = \"" + cert + "\";",
                "LoadExtension = \"" + FD_EXTENSIONS + "/dict_nasreq.fdx\";",
                "LoadExtension = \"" + FD_EXTENSIONS + "/dict_dcca.fdx\";",
                "LoadExtension = \"" + FD_EXTENSIONS + "/dict_dcca_3gpp.fdx\";",
                "ConnectPeer = \"hss.ims.test\" { ConnectTo = \"127.0.0.1\"; Port = " + port + "; No_TLS; };",
                "");
        Files.writeString(dir.resolve("fd.conf"), conf);
    }

    private Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(text + " not in " + log + ": " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private List<String> run(String... command) throws IOException, InterruptedException {
        File out = dir.resolve("run-" + System.nanoTime() + ".log").toFile();
        File err = dir.resolve("run-" + System.nanoTime() + ".err").toFile();
        Process p = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Arrays.toString(command));
        assertEquals(0, p.exitValue(), Arrays.toString(command) + ": " + Files.readString(err.toPath()));
        return Files.readAllLines(out.toPath(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
