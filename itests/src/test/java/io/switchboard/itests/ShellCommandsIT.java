package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** The Karaf shell commands of the platform run and say what they should. */
public class ShellCommandsIT extends SwitchboardTestSupport {

    @Test
    public void switchboardRoutesListsRoutesAndFiles() throws Exception {
        String out = executeCommand("switchboard:routes");
        for (String expected : new String[] {"sip-main", "sip-options", "sip.xml", "LOADED", "Started"}) {
            assertTrue("switchboard:routes output lacks '" + expected + "':\n" + out, out.contains(expected));
        }
        assertTrue(
                "sip.xml line shows its routes:\n" + out,
                out.lines()
                        .anyMatch(l ->
                                l.startsWith("sip.xml") && l.contains("LOADED") && l.contains("sip-main,sip-options")));
    }

    @Test
    public void switchboardRoutesReloadOptionRuns() throws Exception {
        String out = executeCommand("switchboard:routes --reload");
        assertTrue(
                "after --reload:\n" + out, out.lines().anyMatch(l -> l.startsWith("sip.xml") && l.contains("LOADED")));
    }

    @Test
    public void sipStatusShowsTheListener() throws Exception {
        String out = executeCommand("sip:status");
        assertTrue(
                "sip:status names the listening port " + sipPort() + ":\n" + out,
                out.contains(Integer.toString(sipPort())));
        assertTrue(
                "sip:status names the transports:\n" + out,
                out.toLowerCase().contains("udp") && out.toLowerCase().contains("tcp"));
    }

    /** The counters of sip:status move with real traffic; garbage is dropped, counted, and harms nothing. */
    @Test
    public void sipStatusCountsRequestsAndDroppedGarbage() throws Exception {
        Map<String, Long> before = counters(executeCommand("sip:status"));

        Sipp.Result ok = Sipp.run("status-options", "options.xml", Sipp.Transport.UDP, sipPort(), 3);
        assertEquals(ok.report(), 0, ok.exitCode());
        Map<String, Long> afterOptions = counters(executeCommand("sip:status"));
        assertTrue(
                "requestsReceived grew by >= 3: " + before + " -> " + afterOptions,
                afterOptions.get("requestsReceived") - before.get("requestsReceived") >= 3);
        assertTrue(
                "responsesSent grew by >= 3: " + before + " -> " + afterOptions,
                afterOptions.get("responsesSent") - before.get("responsesSent") >= 3);

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] garbage = "\u0001\u0002 this is not SIP at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), sipPort()));
            await("malformed counter grows after a garbage datagram", () -> {
                try {
                    return counters(executeCommand("sip:status")).get("malformed") > afterOptions.get("malformed");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            socket.setSoTimeout(500);
            try {
                DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
                socket.receive(answer);
                fail("garbage was answered: "
                        + new String(answer.getData(), 0, answer.getLength(), StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException expected) {
                // dropped
            }
        }
        Sipp.Result still = Sipp.run("status-options-after-garbage", "options.xml", Sipp.Transport.UDP, sipPort(), 1);
        assertEquals(still.report(), 0, still.exitCode());
    }

    /** The counters of the connector on {{sip.port}} in sip:status output. */
    private Map<String, Long> counters(String statusOutput) {
        String line = statusOutput
                .lines()
                .filter(l -> l.contains(":" + sipPort() + " "))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("sip:status has no line for port " + sipPort() + ":\n" + statusOutput));
        Map<String, Long> values = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        for (String key : new String[] {"requestsReceived", "responsesSent", "malformed"}) {
            assertTrue("sip:status line lacks " + key + ": " + line, values.containsKey(key));
        }
        return values;
    }

    @Test
    public void unknownCommandFails() throws Exception {
        // the helper must be able to fail: an unknown command is an error, not empty output
        try {
            executeCommand("switchboard:no-such-command");
            fail("an unknown command ran");
        } catch (ExecutionException e) {
            // gogo's CommandNotFoundException (a package of the shell bundle's own)
            assertTrue(
                    String.valueOf(e.getCause()),
                    e.getCause().getClass().getSimpleName().equals("CommandNotFoundException"));
        }
    }
}
