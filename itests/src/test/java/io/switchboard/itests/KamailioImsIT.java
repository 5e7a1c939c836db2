package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.diameter.DiameterStack;
import io.switchboard.itests.Sipp.Transport;
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
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The test an operator runs: a SIPp UE registers through a Kamailio I-CSCF ({@code ims_icscf}: UAR) and S-CSCF
 * ({@code ims_auth}, {@code ims_registrar_scscf}: MAR, SAR) whose {@code cdp} connects to Switchboard's HSS on
 * loopback, then {@code ims:deregister} sends the RTR the S-CSCF answers. The HSS's Origin-Host is {@code localhost}
 * because cdp resolves the peer's FQDN to connect. Needs {@code kamailio}, {@code kamailio-ims-modules} and
 * {@code kamailio-presence-modules} (the S-CSCF's {@code ims_usrloc_scscf} binds {@code presence}).
 */
public class KamailioImsIT extends SwitchboardTestSupport {

    private static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
    /** Empty db_text tables of Kamailio's own schema: ims_usrloc_scscf binds presence, which reads them. */
    private static final String DBTEXT_SCHEMAS = "/usr/share/kamailio/dbtext/kamailio";

    private static final String IMPU = "sip:alice@ims.test";

    private final List<Process> processes = new ArrayList<>();

    private String exampleProfile() throws IOException {
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

    @Test
    public void ueRegistersThroughKamailioAgainstTheHss() throws Exception {
        int hssPort = SwitchboardConfiguration.freeTcpPort();
        int icscfPort = Sipp.freePort();
        int scscfPort = Sipp.freePort();
        String scscf = "sip:127.0.0.1:" + scscfPort;
        configure("io.switchboard.cx", "home.networks", "ims.test");
        Configuration c = service(ConfigurationAdmin.class).getConfiguration("io.switchboard.diameter", null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("port", String.valueOf(hssPort));
        props.put("origin.host", "localhost");
        props.put("origin.realm", "ims.test");
        props.put("peers", "icscf.ims.test, scscf.ims.test");
        c.update(props);
        DiameterStack stack = service(DiameterStack.class);
        await(
                "the node restarted",
                () -> stack.peers().stream().anyMatch(p -> p.identity().equals("icscf.ims.test")));

        await("/api/ims back after the Cx settings change", () -> {
            try {
                return api("GET", "/api/ims/profiles", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertStatus(201, api("PUT", "/api/ims/profiles/kims", "{\"xml\": " + json(exampleProfile()) + "}"));
        assertStatus(201, api("PUT", "/api/ims/scscfs/" + scscf, "{\"diameterHost\": \"scscf.ims.test\"}"));
        assertStatus(201, api("PUT", "/api/ims/public-identities/" + IMPU, "{\"serviceProfile\": \"kims\"}"));
        assertStatus(
                201,
                api(
                        "PUT",
                        "/api/ims/private-identities/alice@ims.test",
                        "{\"realm\": \"ims.test\", \"password\": \"secret\", \"publicIdentities\": [\"" + IMPU
                                + "\"]}"));

        Path dir = Files.createTempDirectory("switchboard-kamailio-ims");
        try {
            kamailio(dir, "icscf", hssPort, icscf(dir, icscfPort));
            kamailio(dir, "scscf", hssPort, scscf(dir, scscfPort, scscf));
            await(
                    "both CSCFs connected (" + stack.peers() + ")",
                    () -> stack.peers().stream()
                                    .filter(p -> p.state().equals("OPEN"))
                                    .count()
                            == 2);

            assertSucceeded(Sipp.run("ims-register", "ims-register.xml", Transport.UDP, icscfPort, 1));
            HttpResponse<String> state = api("GET", "/api/ims/public-identities/" + IMPU, null);
            assertTrue(state.body(), state.body().contains("\"state\":\"REGISTERED\""));
            assertTrue(state.body(), state.body().contains("\"scscf\":\"" + scscf + "\""));

            String shown = executeCommand("ims:deregister --reason 0 --info itest alice@ims.test");
            assertTrue(shown, shown.contains("RTR to scscf.ims.test for alice@ims.test: Result-Code 2001"));
            HttpResponse<String> after = api("GET", "/api/ims/public-identities/" + IMPU, null);
            assertTrue(after.body(), after.body().contains("\"state\":\"NOT_REGISTERED\""));
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void kamailio(Path dir, String name, int hssPort, String cfg) throws IOException {
        int acceptor = SwitchboardConfiguration.freeTcpPort();
        Files.writeString(
                dir.resolve(name + ".xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<DiameterPeer FQDN=\"" + name + ".ims.test\" Realm=\"ims.test\" Vendor_Id=\"10415\""
                        + " Product_Name=\"CDiameterPeer\" AcceptUnknownPeers=\"0\" DropUnknownOnDisconnect=\"1\""
                        + " Tc=\"5\" Workers=\"2\" QueueLength=\"32\" TransactionTimeout=\"5\""
                        + " SessionsHashSize=\"128\" DefaultAuthSessionTimeout=\"3600\""
                        + " MaxAuthSessionTimeout=\"3600\">\n"
                        + "  <Peer FQDN=\"localhost\" Realm=\"ims.test\" port=\"" + hssPort + "\"/>\n"
                        + "  <Acceptor port=\"" + acceptor + "\" bind=\"127.0.0.1\"/>\n"
                        + "  <Auth id=\"16777216\" vendor=\"10415\"/>\n"
                        + "  <SupportedVendor vendor=\"10415\"/>\n"
                        + "  <DefaultRoute FQDN=\"localhost\" metric=\"10\"/>\n"
                        + "</DiameterPeer>\n");
        Path cfgFile = dir.resolve(name + ".cfg");
        Files.writeString(cfgFile, cfg);
        Path run = Files.createDirectories(dir.resolve("run-" + name));
        processes.add(new ProcessBuilder("kamailio", "-DD", "-E", "-Y", run.toString(), "-f", cfgFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start());
    }

    private static String header(String name, int sipPort) {
        return "#!KAMAILIO\ndebug=2\nlog_stderror=yes\nchildren=2\nlisten=udp:127.0.0.1:" + sipPort + "\n"
                + "alias=" + name + ".ims.test\nmpath=\"" + MODULES + "\"\n"
                + "loadmodule \"tm.so\"\nloadmodule \"sl.so\"\nloadmodule \"rr.so\"\nloadmodule \"pv.so\"\n"
                + "loadmodule \"textops.so\"\nloadmodule \"siputils.so\"\nloadmodule \"xlog.so\"\n"
                + "loadmodule \"maxfwd.so\"\nloadmodule \"cdp.so\"\nloadmodule \"cdp_avp.so\"\n";
    }

    private static String icscf(Path dir, int sipPort) throws IOException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("s_cscf"), "id(int) name(str) s_cscf_uri(str)\n");
        Files.writeString(db.resolve("s_cscf_capabilities"), "id(int) id_s_cscf(int) capability(int)\n");
        Files.writeString(db.resolve("nds_trusted_domains"), "id(int) trusted_domain(str)\n1:ims.test\n");
        Files.writeString(
                db.resolve("version"),
                "table_name(str) table_version(int)\ns_cscf:1\ns_cscf_capabilities:1\nnds_trusted_domains:1\n");
        return header("icscf", sipPort)
                + "loadmodule \"db_text.so\"\nloadmodule \"ims_icscf.so\"\n"
                + "modparam(\"cdp\", \"config_file\", \"" + dir.resolve("icscf.xml") + "\")\n"
                + "modparam(\"ims_icscf\", \"db_url\", \"text://" + db + "\")\n"
                + "modparam(\"ims_icscf\", \"cxdx_dest_realm\", \"ims.test\")\n"
                + "modparam(\"ims_icscf\", \"cxdx_forced_peer\", \"localhost\")\n"
                + "request_route {\n"
                + "  if (!is_method(\"REGISTER\")) { sl_send_reply(\"404\", \"only REGISTER\"); exit; }\n"
                + "  t_newtran();\n"
                + "  if (!I_perform_user_authorization_request(\"REG_UAR_REPLY\", \"0\")) {"
                + " t_reply(\"500\", \"Error in Request\"); }\n"
                + "  exit;\n"
                + "}\n"
                + "route[REG_UAR_REPLY] {\n"
                + "  xlog(\"L_INFO\", \"UAA return code $avp(s:uaa_return_code)\\n\");\n"
                + "  if ($avp(s:uaa_return_code) == 1) {\n"
                + "    if (I_scscf_select(\"0\")) {\n"
                + "      if (!t_relay()) { t_reply(\"500\", \"Error forwarding to SCSCF\"); }\n"
                + "    } else { I_scscf_drop(); t_reply(\"500\", \"Server error on SCSCF Select (UAR)\"); }\n"
                + "  } else if ($avp(s:uaa_return_code) == -2) { t_reply(\"500\", \"UAR failed\"); }\n"
                + "}\n";
    }

    private static String scscf(Path dir, int sipPort, String name) throws IOException {
        Path xsd = dir.resolve("CxDataType_Rel7.xsd");
        Files.copy(Path.of("/usr/share/doc/kamailio/examples/ims/scscf/CxDataType_Rel7.xsd"), xsd);
        Path presence = Files.createDirectories(dir.resolve("presence-db"));
        for (String table : List.of("presentity", "active_watchers", "watchers", "xcap", "pua", "version")) {
            Files.copy(Path.of(DBTEXT_SCHEMAS, table), presence.resolve(table));
        }
        return header("scscf", sipPort)
                + "loadmodule \"db_text.so\"\nloadmodule \"presence.so\"\n"
                + "modparam(\"presence\", \"db_url\", \"text://" + presence + "\")\n"
                + "loadmodule \"ims_dialog.so\"\nmodparam(\"ims_dialog\", \"dlg_flag\", 4)\n"
                + "loadmodule \"ims_usrloc_scscf.so\"\n"
                + "loadmodule \"ims_registrar_scscf.so\"\nloadmodule \"ims_auth.so\"\n"
                + "modparam(\"cdp\", \"config_file\", \"" + dir.resolve("scscf.xml") + "\")\n"
                + "modparam(\"ims_usrloc_scscf\", \"db_mode\", 0)\n"
                + "modparam(\"ims_dialog\", \"db_mode\", 0)\n"
                + "modparam(\"ims_auth\", \"name\", \"" + name + "\")\n"
                + "modparam(\"ims_auth\", \"registration_default_algorithm\", \"SIP Digest\")\n"
                + "modparam(\"ims_auth\", \"cxdx_forced_peer\", \"localhost\")\n"
                + "modparam(\"ims_auth\", \"cxdx_dest_realm\", \"ims.test\")\n"
                + "modparam(\"ims_registrar_scscf\", \"scscf_name\", \"" + name + "\")\n"
                + "modparam(\"ims_registrar_scscf\", \"cxdx_dest_realm\", \"ims.test\")\n"
                + "modparam(\"ims_registrar_scscf\", \"cxdx_forced_peer\", \"localhost\")\n"
                + "modparam(\"ims_registrar_scscf\", \"user_data_xsd\", \"" + xsd + "\")\n"
                + "request_route {\n"
                + "  if (!is_method(\"REGISTER\")) { sl_send_reply(\"404\", \"only REGISTER\"); exit; }\n"
                + "  if (!ims_www_authenticate(\"$td\")) {\n"
                + "    if ($? == -2) { send_reply(\"403\", \"Authentication Failed\"); exit; }\n"
                + "    ims_www_challenge(\"REG_MAR_REPLY\", \"$td\", \"SIP Digest\");\n"
                + "    exit;\n"
                + "  }\n"
                + "  save(\"REG_SAR_REPLY\", \"location\");\n"
                + "  exit;\n"
                + "}\n"
                + "route[REG_MAR_REPLY] {\n"
                + "  xlog(\"L_INFO\", \"MAA return code $avp(s:maa_return_code)\\n\");\n"
                + "  if ($avp(s:maa_return_code) == -2) { send_reply(\"500\", \"MAR failed\"); }\n"
                + "  exit;\n"
                + "}\n"
                + "route[REG_SAR_REPLY] {\n"
                + "  xlog(\"L_INFO\", \"SAA return code $avp(s:saa_return_code)\\n\");\n"
                + "  exit;\n"
                + "}\n";
    }
}
