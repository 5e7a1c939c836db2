package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;

/**
 * Issue 12 item 4 on the wire, with the shipped settings of bundles/pike: a flood from one source is cut while
 * another source is served, password guessing bans its source (WARN in karaf.log), both lists are visible and
 * clearable over REST and the shell, and a scanner's User-Agent gets no answer at all. Each attacker is a
 * {@link RawSipPeer} on its own loopback address (127.0.0.1 itself is exempt by default, which keeps the other tests
 * and SIPp out of it).
 */
public class FloodProtectionIT extends SwitchboardTestSupport {

    private static final String PIKE_PID = "io.switchboard.pike";

    @After
    public void liftEveryBan() throws Exception {
        configure(PIKE_PID, "ban_action", "drop");
        api("DELETE", "/api/security/bans", null);
        api("DELETE", "/api/security/failures", null);
    }

    private RawSipPeer.Response options(RawSipPeer peer, String extra, int millis) throws IOException {
        peer.send(peer.request("OPTIONS", extra, null));
        return peer.receiveFinal(millis);
    }

    @Test
    public void aFloodFromOneSourceIsCutWhileAnotherIsServedAndTheBanIsLiftedOverRest() throws Exception {
        try (RawSipPeer flooder = RawSipPeer.open("UDP", "127.0.0.3", sipPort());
                RawSipPeer other = RawSipPeer.open("UDP", "127.0.0.4", sipPort())) {
            long before = karafLogLength();
            int answered = 0;
            for (int i = 0; i < 100; i++) { // shipped: more than 30 requests in 2 s is a flood
                flooder.send(flooder.request("OPTIONS", null, null));
            }
            while (flooder.receiveFinal(1500) != null) {
                answered++;
            }
            assertTrue("at most the density is answered, got " + answered, answered > 0 && answered <= 30);
            assertNull("the flooder is banned", options(flooder, null, 1500));
            RawSipPeer.Response r = options(other, null, 5000);
            assertNotNull("another source is served meanwhile", r);
            assertEquals(200, r.status());

            HttpResponse<String> bans = api("GET", "/api/security/bans", null);
            assertEquals(200, bans.statusCode());
            assertTrue(bans.body(), bans.body().contains("\"address\":\"127.0.0.3\""));
            assertTrue(bans.body(), bans.body().contains("\"cause\":\"flood\""));
            assertTrue(bans.body(), !bans.body().contains("127.0.0.4"));
            String shell = executeCommand("pike:bans");
            assertTrue(shell, shell.contains("127.0.0.3") && shell.contains("flood"));
            String status = executeCommand("sip:status");
            Matcher dropped =
                    Pattern.compile(":" + sipPort() + " .* dropped=(\\d+)").matcher(status);
            assertTrue(status, dropped.find() && Long.parseLong(dropped.group(1)) > 0);
            await(
                    "karaf.log names the flooder",
                    () -> karafLogSince(before).contains("Banned 127.0.0.3 for 300 s (flood)"));

            assertEquals(
                    204, api("DELETE", "/api/security/bans/127.0.0.3", null).statusCode());
            assertEquals(
                    404, api("DELETE", "/api/security/bans/127.0.0.3", null).statusCode());
            r = options(flooder, null, 5000);
            assertNotNull("served again once the ban is lifted", r);
            assertEquals(200, r.status());
        }
    }

    @Test
    public void passwordGuessingBansTheSourceAndTheCountsShowOverRestAndTheShell() throws Exception {
        try (RawSipPeer guesser = RawSipPeer.open("UDP", "127.0.0.5", sipPort())) {
            long before = karafLogLength();
            String user = "guess-" + System.nanoTime();
            guesser.send(register(guesser, user, null));
            RawSipPeer.Response challenge = guesser.receiveFinal(5000);
            assertNotNull(challenge);
            assertEquals("a challenge first, and it is no failure", 401, challenge.status());
            String nonce = challenge.text().replaceAll("(?s).*nonce=\"([^\"]+)\".*", "$1");
            for (int i = 1; i <= 10; i++) { // shipped auth_fail_threshold = 10
                guesser.send(register(guesser, user, nonce));
                RawSipPeer.Response r = guesser.receiveFinal(5000);
                assertNotNull("guess " + i + " is answered", r);
                assertEquals("guess " + i, 403, r.status());
                if (i == 5) {
                    HttpResponse<String> failures = api("GET", "/api/security/failures", null);
                    assertTrue(failures.body(), failures.body().contains("\"127.0.0.5\":5"));
                    assertTrue(failures.body(), failures.body().contains(user + "@127.0.0.1\":5"));
                    String shell = executeCommand("pike:failures");
                    assertTrue(shell, shell.contains("127.0.0.5") && shell.contains(user + "@127.0.0.1"));
                }
            }
            guesser.send(register(guesser, user, nonce));
            assertNull("banned: no answer", guesser.receiveFinal(1500));
            await(
                    "karaf.log names the guesser",
                    () -> karafLogSince(before).contains("Banned 127.0.0.5 for 300 s (auth-failures): 10 failed"));
            assertTrue(api("GET", "/api/security/bans", null).body().contains("\"cause\":\"auth-failures\""));

            configure(PIKE_PID, "ban_action", "403");
            await("ban_action = 403 applies", () -> {
                try {
                    RawSipPeer.Response r = options(guesser, null, 500);
                    return r != null && r.status() == 403 && r.reason().equals("Forbidden");
                } catch (IOException e) {
                    return false;
                }
            });

            String unban = executeCommand("pike:unban 127.0.0.5");
            assertTrue(unban, unban.contains("lifted"));
            RawSipPeer.Response r = options(guesser, null, 5000);
            assertNotNull(r);
            assertEquals(200, r.status());
            assertTrue(executeCommand("pike:failures --clear").contains("cleared"));
            assertTrue(executeCommand("pike:failures").contains("No failed authentication"));
        }
    }

    @Test
    public void aScannerUserAgentGetsNoAnswerAtAll() throws Exception {
        for (String transport : new String[] {"UDP", "TCP"}) {
            try (RawSipPeer peer = RawSipPeer.open(transport, "127.0.0.6", sipPort())) {
                assertNull(transport, options(peer, "User-Agent: friendly-scanner\r\n", 2000));
                assertNull(transport, options(peer, "User-Agent: sipvicious 0.3.4\r\n", 1000));
                RawSipPeer.Response r = options(peer, "User-Agent: Yealink SIP-T46S\r\n", 5000);
                assertNotNull(transport + ": a phone from the same address is answered", r);
                assertEquals(200, r.status());
            }
        }
    }

    /** A REGISTER for {@code user}@127.0.0.1; with a nonce, digest credentials of that user (who does not exist). */
    private static String register(RawSipPeer peer, String user, String nonce) {
        String auth = nonce == null
                ? ""
                : "Authorization: Digest username=\"" + user + "\", realm=\"127.0.0.1\", nonce=\"" + nonce
                        + "\", uri=\"sip:127.0.0.1\", response=\"00000000000000000000000000000000\", algorithm=MD5,"
                        + " qop=auth, nc=00000001, cnonce=\"abc\"\r\n";
        return peer.request("REGISTER", auth + "Expires: 60\r\n", null)
                .replace("To: <sip:sb@127.0.0.1>", "To: <sip:" + user + "@127.0.0.1>")
                .replace("From: <sip:tester@" + "127.0.0.5>", "From: <sip:" + user + "@127.0.0.1>");
    }

    private static Path karafLog() {
        return Path.of(System.getProperty(SwitchboardConfiguration.EXAM_DIR), "karaf.log");
    }

    private static long karafLogLength() throws IOException {
        return Files.size(karafLog());
    }

    private static String karafLogSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(karafLog());
            return new String(
                    all,
                    (int) Math.min(offset, all.length),
                    (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
