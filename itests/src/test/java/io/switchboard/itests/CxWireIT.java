package io.switchboard.itests;

import static io.switchboard.itests.CxTestPeer.avp;
import static io.switchboard.itests.CxTestPeer.child;
import static io.switchboard.itests.CxTestPeer.experimental;
import static io.switchboard.itests.CxTestPeer.find;
import static io.switchboard.itests.CxTestPeer.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxHeaders;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterStack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The HSS on the wire: a Cx peer on a TCP socket ({@link CxTestPeer}, the diameter bundle's codec) is the
 * I-CSCF/S-CSCF of a registration through the default {@code routes/cx.xml}: UAR 2001 → MAR → SAR → UAR 2002 → LIR →
 * SAR de-registration, then RTRs from REST, the shell and a route and a PPR after a profile edit, each received and
 * answered; the error answers 5001, 5002, 5003 (base), 5004, 5006 and 5005 with Failed-AVP. tshark captures the
 * exchange and decodes every message Switchboard sent without a malformed packet or an expert warning.
 */
public class CxWireIT extends SwitchboardTestSupport {

    private static final String REALM = "ims.test";
    private static final String PEER = "scscf.ims.test";
    private static final String SCSCF = "sip:scscf.ims.test:6060";
    private static final String ALICE = "alice@ims.test";
    private static final String ALICE_SIP = "sip:alice@ims.test";
    private static final String ALICE_BARRED = "sip:alice-barred@ims.test";
    private static final String BOB = "bob@ims.test";
    private static final String BOB_SIP = "sip:bob@ims.test";

    private String exampleProfile() throws Exception {
        for (Bundle b : bundleContext.getBundles()) {
            if ("io.switchboard.cx".equals(b.getSymbolicName())) {
                URL u = b.getResource("ifc/example-profile.xml");
                try (InputStream in = u.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("bundle io.switchboard.cx is not installed");
    }

    private static String json(String s) {
        return "\""
                + s.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "") + "\"";
    }

    private static void assertStatus(int status, HttpResponse<String> r) {
        assertEquals(r.body(), status, r.statusCode());
    }

    private void provision() throws Exception {
        assertStatus(201, api("PUT", "/api/ims/profiles/wire", "{\"xml\": " + json(exampleProfile()) + "}"));
        assertStatus(201, api("PUT", "/api/ims/scscfs/" + SCSCF, "{\"diameterHost\": \"" + PEER + "\"}"));
        for (String impu : List.of(ALICE_SIP, BOB_SIP)) {
            assertStatus(201, api("PUT", "/api/ims/public-identities/" + impu, "{\"serviceProfile\": \"wire\"}"));
        }
        assertStatus(
                201,
                api(
                        "PUT",
                        "/api/ims/public-identities/" + ALICE_BARRED,
                        "{\"serviceProfile\": \"wire\", \"barred\": true}"));
        assertStatus(
                201,
                api(
                        "PUT",
                        "/api/ims/private-identities/" + ALICE,
                        "{\"password\": \"secret\", \"publicIdentities\": [\"" + ALICE_SIP + "\", \"" + ALICE_BARRED
                                + "\"]}"));
        assertStatus(
                201,
                api(
                        "PUT",
                        "/api/ims/private-identities/" + BOB,
                        "{\"password\": \"pw\", \"publicIdentities\": [\"" + BOB_SIP + "\"]}"));
    }

    private static DiameterMessage uar(CxTestPeer p, String impi, String impu, String visited) throws Exception {
        return p.send(p.request(
                "UAR",
                REALM,
                avp("User-Name", impi),
                avp("Public-Identity", impu),
                avp("Visited-Network-Identifier", visited)));
    }

    private static DiameterMessage mar(CxTestPeer p, String impi, String impu, String scheme) throws Exception {
        return p.send(p.request(
                "MAR",
                REALM,
                avp("User-Name", impi),
                avp("Public-Identity", impu),
                CxTestPeer.D.group("SIP-Auth-Data-Item", avp("SIP-Authentication-Scheme", scheme)),
                avp("SIP-Number-Auth-Items", 1),
                avp("Server-Name", SCSCF)));
    }

    private static DiameterMessage sar(CxTestPeer p, String impi, String impu, int type) throws Exception {
        return p.send(p.request(
                "SAR",
                REALM,
                avp("User-Name", impi),
                avp("Public-Identity", impu),
                avp("Server-Name", SCSCF),
                avp("Server-Assignment-Type", type),
                avp("User-Data-Already-Available", 0)));
    }

    private static DiameterMessage lir(CxTestPeer p, String impu) throws Exception {
        return p.send(p.request("LIR", REALM, avp("Public-Identity", impu)));
    }

    /** The Cx frame of every answer: Session-Id echoed first, Vendor-Specific-Application-Id, state, our identity. */
    private static void assertCxAnswer(DiameterMessage request, DiameterMessage a) {
        assertFalse(a.isRequest());
        assertEquals(request.commandCode(), a.commandCode());
        assertEquals(CxTestPeer.CX, a.applicationId());
        assertEquals(263, a.avps().get(0).code());
        assertEquals(request.sessionId(), a.sessionId());
        Avp vsai = find(a, "Vendor-Specific-Application-Id").orElseThrow();
        assertEquals(10415, child(vsai, "Vendor-Id").orElseThrow().asUnsigned32());
        assertEquals(
                CxTestPeer.CX, child(vsai, "Auth-Application-Id").orElseThrow().asUnsigned32());
        assertEquals(1, find(a, "Auth-Session-State").orElseThrow().asUnsigned32());
        assertEquals("hss.ims.test", a.originHost().orElseThrow());
        assertEquals(REALM, a.originRealm().orElseThrow());
    }

    private DiameterMessage rtrReceived(CxTestPeer p) throws InterruptedException {
        DiameterMessage rtr = p.received.poll(10, TimeUnit.SECONDS);
        assertNotNull("an RTR reached the S-CSCF", rtr);
        assertEquals(304, rtr.commandCode());
        assertTrue(rtr.isRequest() && rtr.isProxiable());
        assertEquals(PEER, find(rtr, "Destination-Host").orElseThrow().asUtf8());
        assertEquals(REALM, find(rtr, "Destination-Realm").orElseThrow().asUtf8());
        assertEquals(ALICE, find(rtr, "User-Name").orElseThrow().asUtf8());
        assertEquals(ALICE_SIP, find(rtr, "Public-Identity").orElseThrow().asUtf8());
        assertTrue(find(rtr, "Deregistration-Reason").isPresent());
        return rtr;
    }

    private void registerAlice(CxTestPeer p) throws Exception {
        assertEquals(2001, result(sar(p, ALICE, ALICE_SIP, 1)));
        assertEquals(2002, experimental(uar(p, ALICE, ALICE_SIP, REALM)));
    }

    @Test
    public void registrationFlowErrorsRtrAndPprOnTheWire() throws Exception {
        int port = SwitchboardConfiguration.freeTcpPort();
        Path dir = Files.createTempDirectory("switchboard-cxwire");
        Path pcap = dir.resolve("cx.pcap");
        Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", pcap.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("tshark.log").toFile())
                .start();
        await("tshark capturing", () -> {
            try {
                return Files.readString(dir.resolve("tshark.log")).contains("Capturing on");
            } catch (IOException e) {
                return false;
            }
        });

        configure("io.switchboard.cx", "home.networks", REALM);
        Configuration c = service(ConfigurationAdmin.class).getConfiguration("io.switchboard.diameter", null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("port", String.valueOf(port));
        props.put("origin.host", "hss.ims.test");
        props.put("origin.realm", REALM);
        props.put("peers", PEER);
        c.update(props);
        DiameterStack stack = service(DiameterStack.class);
        await(
                "the node restarted with the test settings",
                () -> stack.peers().stream().anyMatch(p -> p.identity().equals(PEER)));
        await("routes/cx.xml serves", () -> context.getRoute("cx-main") != null);
        provision();

        try (CxTestPeer p = CxTestPeer.connect(port, PEER, REALM)) {
            await("the HSS answers with the test settings", () -> {
                try {
                    return experimental(uar(p, ALICE, ALICE_SIP, REALM)) == 2001;
                } catch (Exception e) {
                    return false;
                }
            });
            // §5 registration: UAR 2001 -> MAR -> SAR -> UAR 2002 -> LIR -> SAR de-registration
            DiameterMessage uarRequest = p.request(
                    "UAR",
                    REALM,
                    avp("User-Name", ALICE),
                    avp("Public-Identity", ALICE_SIP),
                    avp("Visited-Network-Identifier", REALM));
            DiameterMessage uaa = p.send(uarRequest);
            assertCxAnswer(uarRequest, uaa);
            assertEquals(2001, experimental(uaa));
            assertEquals(-1, result(uaa));
            assertEquals(SCSCF, find(uaa, "Server-Name").orElseThrow().asUtf8());

            DiameterMessage maa = mar(p, ALICE, ALICE_SIP, "SIP Digest");
            assertEquals(2001, result(maa));
            assertEquals(ALICE, find(maa, "User-Name").orElseThrow().asUtf8());
            Avp item = find(maa, "SIP-Auth-Data-Item").orElseThrow();
            Avp digest = child(item, "SIP-Digest-Authenticate").orElseThrow();
            assertEquals(32, child(digest, "Digest-HA1").orElseThrow().dataLength());

            DiameterMessage saa = sar(p, ALICE, ALICE_SIP, 1);
            assertEquals(2001, result(saa));
            String userData = new String(find(saa, "User-Data").orElseThrow().data(), StandardCharsets.UTF_8);
            assertTrue(userData, userData.contains("<Identity>" + ALICE_SIP + "</Identity>"));
            DiameterMessage again = uar(p, ALICE, ALICE_SIP, REALM);
            assertEquals(2002, experimental(again));
            assertEquals(SCSCF, find(again, "Server-Name").orElseThrow().asUtf8());
            DiameterMessage lia = lir(p, ALICE_SIP);
            assertEquals(2001, result(lia));
            assertEquals(SCSCF, find(lia, "Server-Name").orElseThrow().asUtf8());
            assertEquals(2001, result(sar(p, ALICE, ALICE_SIP, 5)));
            assertEquals(5003, experimental(lir(p, ALICE_SIP)));

            // errors
            assertEquals(5001, experimental(uar(p, "nobody@ims.test", "sip:nobody@ims.test", REALM)));
            assertEquals(5002, experimental(uar(p, BOB, ALICE_SIP, REALM)));
            DiameterMessage barred = uar(p, ALICE, ALICE_BARRED, REALM);
            assertEquals("barred: base Result-Code", 5003, result(barred));
            assertEquals(-1, experimental(barred));
            assertEquals(5004, experimental(uar(p, ALICE, ALICE_SIP, "visited.example.net")));
            assertEquals(5006, experimental(mar(p, ALICE, ALICE_SIP, "Digest-AKAv2-SHA-256")));
            DiameterMessage missing =
                    p.send(p.request("UAR", REALM, avp("User-Name", ALICE), avp("Visited-Network-Identifier", REALM)));
            assertEquals(5005, result(missing));
            assertTrue(child(find(missing, "Failed-AVP").orElseThrow(), "Public-Identity")
                    .isPresent());
            DiameterMessage noScheme = p.send(p.request(
                    "MAR",
                    REALM,
                    avp("User-Name", ALICE),
                    avp("Public-Identity", ALICE_SIP),
                    CxTestPeer.D.group("SIP-Auth-Data-Item", avp("SIP-Item-Number", 1)),
                    avp("SIP-Number-Auth-Items", 1),
                    avp("Server-Name", SCSCF)));
            assertEquals(5005, result(noScheme));
            Avp failedItem = child(find(noScheme, "Failed-AVP").orElseThrow(), "SIP-Auth-Data-Item")
                    .orElseThrow();
            assertTrue(child(failedItem, "SIP-Authentication-Scheme").isPresent());

            // RTR from REST, answered 2001: the user is de-registered
            registerAlice(p);
            HttpResponse<String> rest = api("DELETE", "/api/ims/registrations/" + ALICE_SIP + "?reasonCode=1", null);
            assertStatus(200, rest);
            assertTrue(rest.body(), rest.body().contains("\"delivered\":true"));
            DiameterMessage rtr = rtrReceived(p);
            Avp reason = find(rtr, "Deregistration-Reason").orElseThrow();
            assertEquals(1, child(reason, "Reason-Code").orElseThrow().asUnsigned32());
            assertEquals(5003, experimental(lir(p, ALICE_SIP)));

            // RTR refused by the S-CSCF: the registration stays
            registerAlice(p);
            p.rtaResult = 5012;
            String refused = executeCommand("ims:deregister " + ALICE);
            assertTrue(refused, refused.contains("RTR to " + PEER + " for " + ALICE + ": Result-Code 5012"));
            rtrReceived(p);
            assertEquals(2001, result(lir(p, ALICE_SIP)));
            p.rtaResult = 2001;

            // RTR from the shell
            String shown = executeCommand("ims:deregister --reason 3 --info bye " + ALICE);
            assertTrue(shown, shown.contains("RTR to " + PEER + " for " + ALICE + ": Result-Code 2001"));
            Avp shellReason = find(rtrReceived(p), "Deregistration-Reason").orElseThrow();
            assertEquals("bye", child(shellReason, "Reason-Info").orElseThrow().asUtf8());

            // RTR from a route (routes/cx.xml cx-deregister)
            registerAlice(p);
            Exchange routed = context.createProducerTemplate()
                    .send("direct:cx-deregister", x -> x.getMessage().setHeaders(Map.of(CxHeaders.IDENTITY, ALICE)));
            assertEquals(null, routed.getException());
            assertEquals(true, routed.getMessage().getHeader(CxHeaders.DELIVERED));
            List<?> deliveries = routed.getMessage().getBody(List.class);
            assertEquals(PEER, ((CxDelivery) deliveries.get(0)).destinationHost());
            rtrReceived(p);

            // PPR: an edited profile goes to the S-CSCF holding its users
            registerAlice(p);
            assertStatus(200, api("PUT", "/api/ims/profiles/wire", "{\"xml\": " + json(exampleProfile()) + "}"));
            DiameterMessage ppr = p.received.poll(10, TimeUnit.SECONDS);
            assertNotNull("PPR after the profile edit", ppr);
            assertEquals(305, ppr.commandCode());
            assertEquals(ALICE, find(ppr, "User-Name").orElseThrow().asUtf8());
            assertTrue(new String(find(ppr, "User-Data").orElseThrow().data(), StandardCharsets.UTF_8)
                    .contains("<Identity>" + ALICE_SIP + "</Identity>"));
            HttpResponse<String> pushed = api("POST", "/api/ims/private-identities/" + ALICE + "/push-profile", null);
            assertStatus(200, pushed);
            assertTrue(pushed.body(), pushed.body().contains("\"command\":\"PPR\""));
            assertEquals(305, p.received.poll(10, TimeUnit.SECONDS).commandCode());
        } finally {
            Thread.sleep(500);
            tshark.destroy();
            tshark.waitFor(10, TimeUnit.SECONDS);
            // the S-CSCF pool is shared by the ITs of this Karaf: CxIT expects it empty
            api("DELETE", "/api/ims/scscfs/" + SCSCF, null);
        }
        assertCleanDecode(pcap, port);
        ExternalKaraf.deleteRecursively(dir); // kept when a check failed, for its capture
    }

    /** tshark decodes every Cx message we sent, with no malformed packet and no expert warning or error. */
    private static void assertCleanDecode(Path pcap, int port) throws Exception {
        String decodeAs = "tcp.port==" + port + ",diameter";
        List<String> codes = run(
                "tshark",
                "-r",
                pcap.toString(),
                "-d",
                decodeAs,
                "-Y",
                "diameter && tcp.srcport==" + port,
                "-T",
                "fields",
                "-e",
                "diameter.cmd.code");
        String all = String.join(",", codes);
        for (String code : List.of("257", "300", "301", "302", "303", "304", "305")) {
            assertTrue("tshark saw command " + code + " from us: " + all, all.contains(code));
        }
        String verbose = String.join(
                "\n",
                run("tshark", "-r", pcap.toString(), "-d", decodeAs, "-V", "-Y", "diameter && tcp.srcport==" + port));
        assertTrue(verbose.contains("Experimental-Result"));
        assertTrue(verbose.contains("SIP-Digest-Authenticate"));
        assertFalse(verbose, verbose.contains("Malformed"));
        List<String> expert = run(
                "tshark",
                "-r",
                pcap.toString(),
                "-d",
                decodeAs,
                "-Y",
                "diameter && tcp.srcport==" + port + " && (_ws.expert.severity >= warning || _ws.malformed)");
        assertEquals(String.join("\n", expert), List.of(), expert);
    }

    private static List<String> run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return lines;
    }
}
