package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.switchboard.diameter.DiameterConstants;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterStack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The diameter bundle inside the platform: settings from Config Admin (a free port, freeDiameter as the only
 * allowed peer, Tw 1 s), a real {@code freeDiameterd} connecting to it (CER/CEA), the watchdog keeping the peer open,
 * {@code diameter:peers} showing it, a request sent through the {@code diameter:} producer answered by freeDiameter,
 * and freeDiameter's DPR when it stops.
 */
public class DiameterIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.diameter";

    @Test
    public void freeDiameterConnectsStaysOpenAnswersAndDisconnects() throws Exception {
        int port = SwitchboardConfiguration.freeTcpPort();
        org.osgi.service.cm.Configuration c = service(ConfigurationAdmin.class).getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("port", String.valueOf(port));
        props.put("origin.host", "hss.ims.test");
        props.put("origin.realm", "ims.test");
        props.put("peers", "fd.ims.test");
        props.put("watchdog.interval", "1");
        c.update(props);
        DiameterStack stack = service(DiameterStack.class);
        await(
                "the node restarted with the test settings",
                () -> stack.peers().stream().anyMatch(p -> p.identity().equals("fd.ims.test")));

        Path dir = Files.createTempDirectory("switchboard-freediameter");
        Process fd = freeDiameter(dir, port);
        try {
            await(
                    "freeDiameter open (" + stack.peers() + ")",
                    () -> stack.peers().stream()
                            .anyMatch(p -> p.identity().equals("fd.ims.test")
                                    && p.state().equals("OPEN")));
            Thread.sleep(2500); // Tw = 1 s: DWR/DWA rounds keep it open
            String shown = executeCommand("diameter:peers");
            assertTrue(
                    shown,
                    shown.contains("hss.ims.test") && shown.matches("(?s).*fd\\.ims\\.test\\s+ims\\.test\\s+OPEN.*"));

            ProducerTemplate template = context.createProducerTemplate();
            Exchange e = template.request(
                    "diameter:cx?command=UAR&peer=fd.ims.test&timeout=5000",
                    x -> x.getMessage()
                            .setBody(List.of(
                                    stack.dictionary().create("User-Name", "alice@ims.test"),
                                    stack.dictionary().create("Public-Identity", "sip:alice@ims.test"),
                                    stack.dictionary().create("Visited-Network-Identifier", "ims.test"))));
            assertEquals(null, e.getException());
            DiameterMessage answer = e.getMessage().getBody(DiameterMessage.class);
            assertNotNull(answer);
            assertEquals(300, answer.commandCode());
            assertNotNull(
                    "freeDiameter answers with a Result-Code", e.getMessage().getHeader(DiameterConstants.RESULT_CODE));
            assertEquals("fd.ims.test", answer.originHost().orElseThrow());
        } finally {
            fd.destroy();
            fd.waitFor(20, TimeUnit.SECONDS);
        }
        await(
                "freeDiameter's DPR closed the connection (" + stack.peers() + ")",
                () -> stack.peers().stream()
                        .noneMatch(p ->
                                p.identity().equals("fd.ims.test") && p.state().equals("OPEN")));
        ExternalKaraf.deleteRecursively(dir); // kept when a check failed, for freeDiameter's log
    }

    private static Process freeDiameter(Path dir, int port) throws Exception {
        Path cert = dir.resolve("cert.pem").toAbsolutePath();
        Path key = dir.resolve("key.pem").toAbsolutePath();
        Process ssl = new ProcessBuilder(
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
                        "/CN=fd.ims.test")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        assertTrue(ssl.waitFor(60, TimeUnit.SECONDS));
        String ext = "/usr/lib/freeDiameter/";
        String conf = String.join(
                "\n",
                "Identity = \"fd.ims.test\";",
                "Realm = \"ims.test\";",
                "Port = " + SwitchboardConfiguration.freeTcpPort() + ";",
                "SecPort = 0;",
                "ListenOn = \"127.0.0.1\";",
                "No_SCTP;",
                "No_IPv6;",
                "TLS_Cred = \"" + cert + "\", \"" + key + "\";",
                "TLS_CA = \"" + cert + "\";",
                "LoadExtension = \"" + ext + "dict_nasreq.fdx\";",
                "LoadExtension = \"" + ext + "dict_dcca.fdx\";",
                "LoadExtension = \"" + ext + "dict_dcca_3gpp.fdx\";",
                "ConnectPeer = \"hss.ims.test\" { ConnectTo = \"127.0.0.1\"; Port = " + port + "; No_TLS; };",
                "");
        File confFile = dir.resolve("fd.conf").toFile();
        Files.writeString(confFile.toPath(), conf);
        return new ProcessBuilder("freeDiameterd", "-c", confFile.getAbsolutePath())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("fd.log").toFile())
                .start();
    }
}
