package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * HEPv3 capture on the wire (bundles/hep): with capture enabled, a HEP collector of this test receives a packet for
 * every SIP message of SIPp OPTIONS and of a call through the proxy (both legs, requests and responses, relayed and
 * originated). Every packet is decoded by an independent decoder, the npm package {@code hep-js} (installed under
 * target/ by npm, run by node), and the set of (source port, destination port, SIP payload) it yields equals, one for
 * one, the SIP datagrams tshark captured on the loopback interface meanwhile.
 */
public class HepIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.hep";
    private static final Pattern DECODED =
            Pattern.compile("^(\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\S*) ([0-9a-f]+)$", Pattern.MULTILINE);

    @Test
    public void everySipMessageIsMirroredOnceAsTsharkSawIt() throws Exception {
        Path dir = Path.of(System.getProperty(SwitchboardConfiguration.SIPP_OUTPUT))
                .getParent()
                .resolve("hep-it");
        Files.createDirectories(dir);
        Path node = installHepJs(dir);
        List<byte[]> packets = new ArrayList<>();
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(200);
            Thread receiver = new Thread(() -> receive(collector, packets), "hep-it-collector");
            receiver.start();
            Path pcap = dir.resolve("sip.pcap");
            Files.deleteIfExists(pcap);
            Process tshark = new ProcessBuilder(
                            "tshark", "-i", "lo", "-f", "udp port " + sipPort(), "-w", pcap.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("tshark-capture.log").toFile())
                    .start();
            try {
                await("tshark capturing", () -> {
                    try {
                        return Files.readString(dir.resolve("tshark-capture.log"))
                                .contains("Capturing on");
                    } catch (IOException e) {
                        return false;
                    }
                });
                // one update with both keys: two updates in a row can lose the first to Karaf's write-back of the file
                configureHep(Map.of("port", Integer.toString(collector.getLocalPort()), "enabled", "true"));
                await(
                        "the SIP capture service",
                        () -> bundleContext.getServiceReference("io.switchboard.sip.SipCapture") != null);

                assertSucceeded(Sipp.run("hep-options", "options.xml", Transport.UDP, sipPort(), 3));
                int uasPort = Sipp.freePort();
                withCallee(uasPort, () -> {
                    Running uas = Sipp.startUas("hep-call", "uas-call.xml", sipPort(), uasPort, 1);
                    try {
                        Result uac = Sipp.run("hep-call", "uac-call.xml", Transport.UDP, sipPort(), 1);
                        Result callee = uas.await();
                        assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
                        assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
                    } finally {
                        uas.kill();
                    }
                });
                Thread.sleep(1000); // the last packets reach tshark and the collector
            } finally {
                configureHep(Map.of("enabled", "false"));
                tshark.destroy();
                tshark.waitFor(10, TimeUnit.SECONDS);
                receiver.interrupt();
                receiver.join(5000);
            }
        }

        List<String> seen = tsharkDatagrams(dir);
        List<String> mirrored = decodeWithHepJs(dir, node, packets);
        // 3 OPTIONS and their 200s; the call: INVITE, 180, 200, ACK, BYE, 200 on each leg
        assertTrue("tshark saw SIP: " + seen.size(), seen.size() >= 3 * 2 + 2 * 6);
        assertEquals("HEP copies (source port, destination port, payload) vs tshark", sorted(seen), sorted(mirrored));
    }

    private void configureHep(Map<String, String> values) throws Exception {
        Configuration c = service(ConfigurationAdmin.class).getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        values.forEach(props::put);
        c.update(props);
    }

    /** npm's hep-js in target/hep-it/node, and the node script that decodes packet files with it. */
    private static Path installHepJs(Path dir) throws Exception {
        Path node = dir.resolve("node");
        Files.createDirectories(node);
        if (!Files.isDirectory(node.resolve("node_modules/hep-js"))) {
            run(node, "npm", "install", "--no-audit", "--no-fund", "--prefix", node.toString(), "hep-js@1.0.22");
        }
        Files.writeString(node.resolve("decode.js"), """
                const hep = require('hep-js');
                const fs = require('fs');
                for (const file of process.argv.slice(2)) {
                  const d = hep.decapsulate(fs.readFileSync(file));
                  if (!d || !d.rcinfo || d.payload === undefined) { console.log('UNDECODABLE ' + file); continue; }
                  const r = d.rcinfo;
                  console.log([r.protocolFamily, r.protocol, r.srcPort, r.dstPort, r.captureId, r.payloadType,
                    r.correlation_id || '', Buffer.from(d.payload, 'utf8').toString('hex')].join(' '));
                }
                """);
        return node;
    }

    private static void receive(DatagramSocket collector, List<byte[]> packets) {
        byte[] buf = new byte[65535];
        while (!Thread.currentThread().isInterrupted()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                collector.receive(p);
                synchronized (packets) {
                    packets.add(Arrays.copyOf(p.getData(), p.getLength()));
                }
            } catch (SocketTimeoutException again) {
                // look at the interrupt flag
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Each SIP datagram tshark saw: "sport dport payload-hex". */
    private static List<String> tsharkDatagrams(Path dir) throws Exception {
        Path out = dir.resolve("tshark-fields.txt");
        Process p = new ProcessBuilder(
                        "tshark",
                        "-r",
                        dir.resolve("sip.pcap").toString(),
                        "-Y",
                        "udp",
                        "-T",
                        "fields",
                        "-e",
                        "udp.srcport",
                        "-e",
                        "udp.dstport",
                        "-e",
                        "udp.payload")
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("tshark-read.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Files.readString(dir.resolve("tshark-read.log")), 0, p.exitValue());
        List<String> seen = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                seen.add(f[0] + " " + f[1] + " " + f[2].replace(":", "").toLowerCase());
            }
        }
        return seen;
    }

    /** Writes each HEP packet to a file and decodes them all with hep-js: "sport dport payload-hex" each. */
    private List<String> decodeWithHepJs(Path dir, Path node, List<byte[]> packets) throws Exception {
        Path files = dir.resolve("packets");
        Files.createDirectories(files);
        List<String> args =
                new ArrayList<>(List.of("node", node.resolve("decode.js").toString()));
        synchronized (packets) {
            for (int i = 0; i < packets.size(); i++) {
                Path f = files.resolve(String.format("%04d.hep", i));
                Files.write(f, packets.get(i));
                args.add(f.toString());
            }
        }
        Path out = dir.resolve("hep-js.txt");
        Process p = new ProcessBuilder(args)
                .directory(node.toFile())
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("hep-js.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Files.readString(dir.resolve("hep-js.log")), 0, p.exitValue());
        String text = Files.readString(out);
        assertTrue(text, !text.contains("UNDECODABLE"));
        List<String> mirrored = new ArrayList<>();
        Matcher m = DECODED.matcher(text);
        while (m.find()) {
            assertEquals("IPv4", "2", m.group(1));
            assertEquals("UDP", "17", m.group(2));
            assertEquals("capture id", "2001", m.group(5));
            assertEquals("protocol type SIP", "1", m.group(6));
            String payload = new String(HexFormat.of().parseHex(m.group(8)), StandardCharsets.UTF_8);
            assertTrue("correlation id = Call-ID of " + payload, payload.contains("Call-ID: " + m.group(7) + "\r\n"));
            mirrored.add(m.group(3) + " " + m.group(4) + " " + m.group(8));
        }
        assertEquals("every packet decoded:\n" + text, packets.size(), mirrored.size());
        return mirrored;
    }

    private static List<String> sorted(List<String> lines) {
        Map<String, Integer> count = new TreeMap<>();
        lines.forEach(l -> count.merge(l, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        count.forEach((l, n) -> out.add(n + "x " + l));
        return out;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(cmd[0] + ".log").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        assertEquals(Files.readString(dir.resolve(cmd[0] + ".log")), 0, p.exitValue());
    }
}
