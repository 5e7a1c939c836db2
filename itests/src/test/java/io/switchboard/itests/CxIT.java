package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.switchboard.cx.AuthItem;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.Hss;
import io.switchboard.cx.LiaResult;
import io.switchboard.cx.LocationInfo;
import io.switchboard.cx.MaaResult;
import io.switchboard.cx.MultimediaAuth;
import io.switchboard.cx.RegistrationTermination;
import io.switchboard.cx.SaaResult;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.ServerAssignmentType;
import io.switchboard.cx.UaaResult;
import io.switchboard.cx.UserAuthorization;
import io.switchboard.itests.Sipp.Transport;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The cx bundle in the distribution: its tables migrated on H2, provisioning over REST (secrets never shown), the
 * HSS decisions of a registration (UAR → MAR → SAR → UAR 2002 → LIR, RTR building) through the {@link Hss} service,
 * and {@code ifc:match} in a route file with its own SIP listener: SIPp's USSD INVITE and DFKS SUBSCRIBE reach the
 * application servers of the example profile, a plain INVITE none.
 */
public class CxIT extends SwitchboardTestSupport {

    private static final String IMPI = "ifcuser@ims.example.org";
    private static final String IMPU = "sip:ifcuser@ims.example.org";
    private static final String IMPU2 = "sip:ifcuser2@ims.example.org";
    private static final String SCSCF = "sip:scscf.ims.example.org:6060";

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private String exampleProfile() throws Exception {
        for (Bundle b : bundleContext.getBundles()) {
            if ("io.switchboard.cx".equals(b.getSymbolicName())) {
                URL u = b.getResource("ifc/example-profile.xml");
                assertNotNull("the cx bundle ships ifc/example-profile.xml", u);
                try (InputStream in = u.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("bundle io.switchboard.cx is not installed");
    }

    private static void assertStatus(int status, HttpResponse<String> r) {
        assertEquals(r.body(), status, r.statusCode());
    }

    private void provision() throws Exception {
        assertStatus(201, api("PUT", "/api/ims/profiles/example", "{\"xml\": " + json(exampleProfile()) + "}"));
        assertStatus(
                400, api("PUT", "/api/ims/profiles/broken", "{\"xml\": \"<ServiceProfile><X/></ServiceProfile>\"}"));
        for (String impu : List.of(IMPU, IMPU2)) {
            assertStatus(
                    201,
                    api(
                            "PUT",
                            "/api/ims/public-identities/" + impu,
                            "{\"serviceProfile\": \"example\", \"implicitSet\": \"ifcuser\"}"));
        }
        assertStatus(
                201,
                api(
                        "PUT",
                        "/api/ims/private-identities/" + IMPI,
                        "{\"password\": \"pw\", \"k\": \"465b5ce8b199b49faa5f0a2ee238a6bc\","
                                + " \"opc\": \"cd63cb71954a9f4e48a5994e37a02baf\", \"publicIdentities\": [\"" + IMPU
                                + "\", \""
                                + IMPU2 + "\"]}"));
        HttpResponse<String> shown = api("GET", "/api/ims/private-identities/" + IMPI, null);
        assertStatus(200, shown);
        assertTrue(shown.body(), shown.body().contains("\"secrets\":[\"password\",\"aka\"]"));
        assertFalse(shown.body(), shown.body().contains("465b5ce8"));
        assertFalse(shown.body(), shown.body().contains("cd63cb71"));
        assertStatus(400, api("PUT", "/api/ims/private-identities/" + IMPI, "{\"k\": \"12\"}"));
    }

    private void cleanUp() throws Exception {
        api("DELETE", "/api/ims/private-identities/" + IMPI, null);
        api("DELETE", "/api/ims/public-identities/" + IMPU, null);
        api("DELETE", "/api/ims/public-identities/" + IMPU2, null);
        api("DELETE", "/api/ims/profiles/example", null);
        api("DELETE", "/api/ims/scscfs/" + SCSCF, null);
    }

    @Test
    public void registrationFlowAndIfcMatchOnTheWire() throws Exception {
        Hss hss = service(Hss.class);
        cleanUp();
        provision();
        try {
            UaaResult first = hss.userAuthorization(new UserAuthorization(IMPI, IMPU, "", null));
            assertEquals(CxResult.FIRST_REGISTRATION, first.result());
            assertNull("no S-CSCF known: Server-Capabilities", first.serverName());
            assertNotNull(first.capabilities());
            assertStatus(
                    201,
                    api(
                            "PUT",
                            "/api/ims/scscfs/" + SCSCF,
                            "{\"diameterHost\": \"scscf.ims.example.org\", \"priority\": 1}"));
            assertEquals(
                    SCSCF,
                    hss.userAuthorization(new UserAuthorization(IMPI, IMPU, "", null))
                            .serverName());

            MaaResult maa = hss.multimediaAuth(new MultimediaAuth(IMPI, IMPU, "Digest-AKAv1-MD5", 2, SCSCF, null));
            assertEquals(CxResult.SUCCESS, maa.result());
            assertEquals(2, maa.items().size());
            AuthItem item = maa.items().get(0);
            assertEquals(32, item.authenticate().length);
            assertEquals(8, item.authorization().length);

            SaaResult saa = hss.serverAssignment(new ServerAssignment(
                    IMPI,
                    List.of(IMPU),
                    SCSCF,
                    ServerAssignmentType.REGISTRATION.code(),
                    false,
                    "scscf.ims.example.org"));
            assertEquals(CxResult.SUCCESS, saa.result());
            assertTrue(saa.userData(), saa.userData().contains("<Identity>" + IMPU2 + "</Identity>"));
            assertTrue(saa.userData(), saa.userData().contains("sip:ussd@127.0.0.1:5060"));
            assertEquals(
                    CxResult.SUBSEQUENT_REGISTRATION,
                    hss.userAuthorization(new UserAuthorization(IMPI, IMPU2, "", null))
                            .result());
            LiaResult lia = hss.locationInfo(new LocationInfo(IMPU2, false, null));
            assertEquals(SCSCF, lia.serverName());
            HttpResponse<String> state = api("GET", "/api/ims/public-identities/" + IMPU2, null);
            assertTrue(state.body(), state.body().contains("\"state\":\"REGISTERED\""));
            String shell = executeCommand("ims:list");
            assertTrue(
                    shell,
                    shell.contains("impu " + IMPU2 + " profile=example barred=false irs=ifcuser state=REGISTERED"
                            + " scscf=" + SCSCF));
            assertTrue(shell, shell.contains("impi " + IMPI + " realm=ims.example.org digest=true aka=true"));
            assertFalse("no secret in the shell either", shell.contains("465b5ce8"));

            ifcMatchOnTheWire();

            List<RegistrationTermination> rtrs = hss.registrationTerminations(IMPI, 0, "itest");
            assertEquals(1, rtrs.size());
            assertEquals("scscf.ims.example.org", rtrs.get(0).destinationHost());
            assertEquals(
                    "sorted as Java sorts strings",
                    List.of(IMPU2, IMPU),
                    rtrs.get(0).impus());
            hss.registrationTerminated(rtrs.get(0), CxResult.SUCCESS);
            assertEquals(
                    CxResult.IDENTITY_NOT_REGISTERED,
                    hss.locationInfo(new LocationInfo(IMPU, false, null)).result());
        } finally {
            cleanUp();
        }
    }

    /** A route file with a SIP listener of its own, answering 480 + X-Application-Server, or 404 when none. */
    private void ifcMatchOnTheWire() throws Exception {
        int port = Sipp.freePort();
        Path file = routesFolder().resolve("cx-itest.xml");
        String routes = "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">\n"
                + "  <route id=\"cx-itest\">\n"
                + "    <from uri=\"sip:127.0.0.1:" + port + "?transports=udp\"/>\n"
                + "    <setHeader name=\"IfcServedUser\"><simple>${header.SipFromUri}</simple></setHeader>\n"
                + "    <to uri=\"ifc:match\"/>\n"
                + "    <choice>\n"
                + "      <when><simple>${header.IfcApplicationServer} != null</simple>\n"
                + "        <setHeader name=\"SipStatus\"><constant>480</constant></setHeader>\n"
                + "        <setHeader name=\"SipHeader.X-Application-Server\">"
                + "<simple>${header.IfcApplicationServer}</simple></setHeader>\n"
                + "      </when>\n"
                + "      <otherwise><setHeader name=\"SipStatus\"><constant>404</constant></setHeader></otherwise>\n"
                + "    </choice>\n"
                + "  </route>\n"
                + "</routes>\n";
        try {
            replaceRouteFile(file, routes);
            assertSucceeded(Sipp.run("ifc-ussd", "ifc-ussd-invite.xml", Transport.UDP, port, 1, "-s", "ifcuser"));
            assertSucceeded(Sipp.run("ifc-dfks", "ifc-dfks-subscribe.xml", Transport.UDP, port, 1, "-s", "ifcuser"));
            assertSucceeded(Sipp.run("ifc-plain", "ifc-plain-invite.xml", Transport.UDP, port, 1, "-s", "ifcuser"));
        } finally {
            Files.deleteIfExists(file);
            await("route cx-itest removed with its file", () -> context.getRoute("cx-itest") == null);
        }
    }
}
