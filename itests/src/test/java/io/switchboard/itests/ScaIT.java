package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaService;
import io.switchboard.store.SubscriberStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Shared Call Appearances on the wire (issue 5, item 5, in order): SIPp plays members A, B and C of the shared line
 * sca215@127.0.0.1 and the remote party R. B and C watch the line (call-info) and check every NOTIFY's Call-Info;
 * A seizes appearance 1 (line-seize), calls R through the proxy (progressing, active; its line-seize ends with
 * noresource), holds (held); B retrieves the held call (R gets an INVITE with Replaces; active); BYE (idle); C's
 * seize of the busy appearance gets 480 + Retry-After; a line-seize that is never used expires and is purged
 * (terminated;reason=timeout, the line idle again); REST and shell operations drive the same NOTIFYs; callee side: R
 * calls the line, member D rings (alerting) and answers (active on the ACK), R hangs up (idle); a privately held
 * call cannot be retrieved (403); the operations' seize on a full line gets 409 over REST and in the shell.
 */
public class ScaIT extends SwitchboardTestSupport {

    static final String LINE = "sca215";
    static final String AOR = LINE + "@127.0.0.1";
    static final int WATCH_SECONDS = 150;

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    private AppearanceState stateOf(int index) throws InterruptedException {
        for (Appearance a : service(ScaService.class).appearances(AOR)) {
            if (a.index() == index) {
                return a.state();
            }
        }
        return AppearanceState.IDLE;
    }

    private void awaitState(int index, AppearanceState state) throws InterruptedException {
        ScaService sca = service(ScaService.class);
        await("appearance " + index + " of " + AOR + " " + state + " (now " + sca.appearances(AOR) + ")", () -> {
            try {
                return stateOf(index) == state;
            } catch (InterruptedException e) {
                return false;
            }
        });
    }

    private long subscriptions(String event) throws InterruptedException {
        return service(ScaService.class).subscriptions().stream()
                .filter(s -> s.event().equals(event) && s.presentity().equals(AOR))
                .count();
    }

    /**
     * Who may watch and seize a line: a SUBSCRIBE without credentials gets 407, a subscriber who is no member of the
     * line 403 after authenticating, a member (sca:member, REST) 202; taken off the line, 403 again.
     */
    @Test
    public void onlyAuthenticatedMembersSubscribeToALine() throws Exception {
        await("sca component", () -> context.getComponent("sca") != null);
        ScaService sca = service(ScaService.class);
        for (String[] u : new String[][] {{"scaline2", "l2-pw"}, {"scamember", "m-pw"}, {"scastranger", "s-pw"}}) {
            if (subscribers.find(u[0], "127.0.0.1").isEmpty()) {
                subscribers.add(u[0], "127.0.0.1", u[1]);
            }
        }
        String line = "scaline2@127.0.0.1";
        String members = "/api/sca/lines/" + line + "/members";
        assertSucceeded(Sipp.run(
                "sca-auth-407",
                "subscribe-407.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "event",
                "call-info"));
        assertSucceeded(Sipp.run(
                "sca-auth-stranger",
                "subscribe-auth-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "from",
                "scastranger",
                "-au",
                "scastranger",
                "-ap",
                "s-pw",
                "-key",
                "event",
                "call-info"));
        assertSucceeded(Sipp.run(
                "sca-auth-not-yet",
                "subscribe-auth-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "from",
                "scamember",
                "-au",
                "scamember",
                "-ap",
                "m-pw",
                "-key",
                "event",
                "call-info"));

        String added = executeCommand("sca:member add " + line + " sip:scamember@127.0.0.1");
        assertTrue(added, added.contains("added scamember@127.0.0.1 to " + line));
        assertTrue(executeCommand("sca:member list " + line).contains("scamember@127.0.0.1"));
        assertSucceeded(Sipp.run(
                "sca-auth-member",
                "subscribe-auth-ok.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "from",
                "scamember",
                "-au",
                "scamember",
                "-ap",
                "m-pw",
                "-key",
                "event",
                "call-info"));

        HttpResponse<String> list = api("GET", members, null);
        assertEquals(list.body(), 200, list.statusCode());
        assertEquals("{\"line\":\"" + line + "\",\"members\":[\"scamember@127.0.0.1\"]}", list.body());
        HttpResponse<String> post = api("POST", members, "{\"member\":\"scastranger@127.0.0.1\"}");
        assertEquals(post.body(), 201, post.statusCode());
        assertEquals(
                200,
                api("POST", members, "{\"member\":\"scastranger@127.0.0.1\"}").statusCode());
        assertEquals(400, api("POST", members, "{\"member\":\"nobody\"}").statusCode());
        assertSucceeded(Sipp.run(
                "sca-auth-new-member",
                "subscribe-auth-ok.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "from",
                "scastranger",
                "-au",
                "scastranger",
                "-ap",
                "s-pw",
                "-key",
                "event",
                "call-info"));
        assertEquals(
                204, api("DELETE", members + "/scastranger@127.0.0.1", null).statusCode());
        HttpResponse<String> again = api("DELETE", members + "/scastranger@127.0.0.1", null);
        assertEquals(again.body(), 404, again.statusCode());
        assertTrue(again.body(), again.body().contains("scastranger@127.0.0.1 is no member of " + line));
        assertSucceeded(Sipp.run(
                "sca-auth-removed",
                "subscribe-auth-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scaline2",
                "-key",
                "from",
                "scastranger",
                "-au",
                "scastranger",
                "-ap",
                "s-pw",
                "-key",
                "event",
                "call-info"));

        String removed = executeCommand("sca:member remove " + line + " scamember@127.0.0.1");
        assertTrue(removed, removed.contains("removed scamember@127.0.0.1 from " + line));
        assertEquals(List.of(), sca.members(line));
        assertTrue(executeCommand("sca:member add nope scamember@127.0.0.1").contains("Error 400"));
    }

    @Test
    public void sharedLineOnTheWire() throws Exception {
        await("sca component", () -> context.getComponent("sca") != null);
        service(ScaService.class);
        if (subscribers.find(LINE, "127.0.0.1").isEmpty()) {
            subscribers.add(LINE, "127.0.0.1", "line-pw");
            subscribers.add("scar", "127.0.0.1", "remote-pw");
        }
        int rPort = Sipp.freePort();
        assertSucceeded(Sipp.run(
                "sca-register-r",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "scar",
                "-au",
                "scar",
                "-ap",
                "remote-pw",
                "-key",
                "contact_port",
                Integer.toString(rPort)));

        // B and C watch the line
        Running b = Sipp.start(
                "sca-watcher-b",
                "sca-watcher.xml",
                sipPort(),
                Sipp.freePort(),
                1,
                WATCH_SECONDS,
                "-s",
                LINE,
                "-ap",
                "line-pw",
                "-recv_timeout",
                "40000");
        Running c = Sipp.start(
                "sca-watcher-c",
                "sca-watcher.xml",
                sipPort(),
                Sipp.freePort(),
                1,
                WATCH_SECONDS,
                "-s",
                LINE,
                "-ap",
                "line-pw",
                "-recv_timeout",
                "40000");
        Running seize = null;
        Running remote = null;
        Running call = null;
        try {
            await("B and C subscribed to call-info", () -> {
                try {
                    return subscriptions("call-info") == 2;
                } catch (InterruptedException e) {
                    return false;
                }
            });

            String subs = executeCommand("sca:subscriptions");
            assertTrue(
                    subs,
                    subs.contains("call-info " + AOR + " <- sip:member@127.0.0.1:")
                            && subs.contains("2 subscriptions"));
            HttpResponse<String> listed = api("GET", "/api/sca/subscriptions", null);
            assertTrue(
                    listed.body(),
                    listed.body().contains("\"event\":\"call-info\"")
                            && listed.body().contains("\"aor\":\"" + AOR + "\""));

            // A seizes appearance 1: its line-seize NOTIFY, then B and C get "seized"
            seize = Sipp.start(
                    "sca-line-seize-a",
                    "sca-line-seize.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    60,
                    "-s",
                    LINE,
                    "-ap",
                    "line-pw");
            awaitState(1, AppearanceState.SEIZED);

            // A calls R through the proxy: progressing, active; then holds
            remote = Sipp.start("sca-remote-r", "sca-remote.xml", sipPort(), rPort, 2, 60);
            call = Sipp.start(
                    "sca-call-a",
                    "sca-member-call.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    60,
                    "-s",
                    LINE,
                    "-au",
                    LINE,
                    "-ap",
                    "line-pw",
                    "-key",
                    "callee",
                    "scar");
            awaitState(1, AppearanceState.HELD);
            assertSucceeded(seize.await()); // its line-seize ended with noresource at the first 18x

            // B retrieves the held call: R gets an INVITE with Replaces for A's dialog; then B hangs up: idle
            assertSucceeded(Sipp.run(
                    "sca-retrieve-b",
                    "sca-retrieve.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    LINE,
                    "-au",
                    LINE,
                    "-ap",
                    "line-pw"));
            Result a = call.await();
            assertSucceeded(a);
            Result r = remote.await();
            assertSucceeded(r);
            Matcher callId = Pattern.compile("(?m)^Call-ID: *(\\S+)").matcher(a.messages());
            assertTrue(a.messages(), callId.find());
            String replaces = "Replaces: " + callId.group(1) + ";to-tag=";
            assertTrue(
                    "R got no INVITE with " + replaces + "...;from-tag=...:\n" + r.messages(),
                    Pattern.compile("(?m)^" + Pattern.quote(replaces) + "[^;\\s]+;from-tag=[^;\\s]+\\s*$")
                            .matcher(r.messages())
                            .find());
            assertTrue("a Call-Info reached R:\n" + r.messages(), !r.messages().contains("Call-Info"));
            awaitState(1, AppearanceState.IDLE);

            // expiry purge: a 2 s line-seize with a purge every second
            configure("io.switchboard.sca", "purge_expired_interval", "1");
            Thread.sleep(1500); // Config Admin applies it asynchronously
            seize = Sipp.start(
                    "sca-line-seize-expire-a",
                    "sca-line-seize-expire.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    40,
                    "-s",
                    LINE,
                    "-ap",
                    "line-pw");
            awaitState(1, AppearanceState.SEIZED);
            // C's seize of the busy appearance: 480 + Retry-After: 1, nobody NOTIFYed
            assertSucceeded(Sipp.run(
                    "sca-seize-busy-c",
                    "sca-seize-busy.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    LINE,
                    "-ap",
                    "line-pw"));
            assertSucceeded(seize.await()); // terminated;reason=timeout
            awaitState(1, AppearanceState.IDLE);

            // operations: REST seize, shell update, REST release
            HttpResponse<String> seized =
                    api("POST", "/api/sca/appearances/" + AOR, "{\"contact\": \"sip:desk@127.0.0.1:5999\"}");
            assertEquals(seized.body(), 200, seized.statusCode());
            assertTrue(
                    seized.body(),
                    seized.body().contains("\"index\":1") && seized.body().contains("\"state\":\"seized\""));
            awaitState(1, AppearanceState.SEIZED);
            String out = executeCommand("sca:update " + AOR + " 1 held sip:bob@127.0.0.1");
            assertTrue(out, out.contains(AOR + " 1 held uri=sip:bob@127.0.0.1"));
            String list = executeCommand("sca:appearances");
            assertTrue(list, list.contains(AOR + " 1 held"));
            HttpResponse<String> line = api("GET", "/api/sca/appearances/" + AOR, null);
            assertTrue(line.body(), line.body().contains("\"state\":\"held\""));
            HttpResponse<String> released = api("DELETE", "/api/sca/appearances/" + AOR + "/1", null);
            assertEquals(released.body(), 200, released.statusCode());
            HttpResponse<String> again = api("DELETE", "/api/sca/appearances/" + AOR + "/1", null);
            assertEquals(again.body(), 404, again.statusCode());
            HttpResponse<String> bad = api("PUT", "/api/sca/appearances/" + AOR + "/1", "{\"state\": \"ringing2\"}");
            assertEquals(bad.body(), 400, bad.statusCode());

            // callee side: R calls the line, member D (registered for it) rings and answers on appearance 2
            int dPort = Sipp.freePort();
            assertSucceeded(Sipp.run(
                    "sca-register-d",
                    "register-contact.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    LINE,
                    "-au",
                    LINE,
                    "-ap",
                    "line-pw",
                    "-key",
                    "contact_port",
                    Integer.toString(dPort)));
            Running d = Sipp.start("sca-member-d", "sca-member-answer.xml", sipPort(), dPort, 1, 40);
            try {
                Result caller = Sipp.run(
                        "sca-caller-r",
                        "uac-registered-call.xml",
                        Transport.UDP,
                        sipPort(),
                        1,
                        "-s",
                        "scar",
                        "-au",
                        "scar",
                        "-ap",
                        "remote-pw",
                        "-key",
                        "callee",
                        LINE);
                assertSucceeded(caller);
                assertTrue(
                        "the member's Call-Info reached the caller:\n" + caller.messages(),
                        !caller.messages().contains("Call-Info"));
                assertSucceeded(d.await());
            } finally {
                d.kill();
            }
            awaitState(2, AppearanceState.IDLE);

            // the watchers saw every NOTIFY in order (checked by their regexps), then un-subscribed
            assertSucceeded(b.await());
            assertSucceeded(c.await());
            assertEquals(0, subscriptions("call-info"));

            // a call A holds privately (re-INVITE with Call-Info appearance-state=held-private) cannot be retrieved
            // by B: 403 Forbidden - private call, and R never sees B's INVITE; R's BYE then ends the call: idle
            seize = Sipp.start(
                    "sca-line-seize-private-a",
                    "sca-line-seize.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    60,
                    "-s",
                    LINE,
                    "-ap",
                    "line-pw");
            awaitState(1, AppearanceState.SEIZED);
            remote = Sipp.start("sca-remote-private-r", "sca-remote.xml", sipPort(), rPort, 1, 60);
            call = Sipp.start(
                    "sca-call-private-a",
                    "sca-member-call-private.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    60,
                    "-s",
                    LINE,
                    "-au",
                    LINE,
                    "-ap",
                    "line-pw",
                    "-key",
                    "callee",
                    "scar");
            awaitState(1, AppearanceState.HELD_PRIVATE);
            assertSucceeded(seize.await());
            assertSucceeded(Sipp.run(
                    "sca-retrieve-private-b",
                    "sca-retrieve-private.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    LINE,
                    "-au",
                    LINE,
                    "-ap",
                    "line-pw"));
            assertSucceeded(call.await());
            assertSucceeded(remote.await());
            awaitState(1, AppearanceState.IDLE);

            // a full line refuses the operations' seize with 409, as ScaService says (the SIP path's line-seize gets
            // 480 + Retry-After above): REST answers it, the shell prints it; a line nobody watches, no NOTIFY
            String full = "sca216@127.0.0.1";
            String desk = "{\"contact\": \"sip:desk@127.0.0.1:5999\"}";
            for (int i = 1; i <= 10; i++) { // max_appearances
                HttpResponse<String> taken = api("POST", "/api/sca/appearances/" + full, desk);
                assertEquals(taken.body(), 200, taken.statusCode());
            }
            HttpResponse<String> none = api("POST", "/api/sca/appearances/" + full, desk);
            assertEquals(none.body(), 409, none.statusCode());
            assertTrue(none.body(), none.body().contains("no free appearance on " + full));
            String refused = executeCommand("sca:seize " + full + " sip:desk@127.0.0.1:5999");
            assertTrue(refused, refused.contains("Error 409: no free appearance on " + full));
            for (int i = 1; i <= 10; i++) {
                HttpResponse<String> freed = api("DELETE", "/api/sca/appearances/" + full + "/" + i, null);
                assertEquals(freed.body(), 200, freed.statusCode());
            }
            assertEquals(0, service(ScaService.class).appearances(full).size());
        } finally {
            configure("io.switchboard.sca", "purge_expired_interval", "120");
            for (Running p : List.of(b, c)) {
                p.kill();
            }
            for (Running p : new Running[] {seize, remote, call}) {
                if (p != null) {
                    p.kill();
                }
            }
        }
    }
}
