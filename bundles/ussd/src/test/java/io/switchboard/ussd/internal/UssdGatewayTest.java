package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static io.switchboard.ussd.internal.Fakes.server;
import static io.switchboard.ussd.internal.Fakes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdSessionInfo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UssdGatewayTest {

    static final String CALL = "call-1@ue";
    static final String UE_TAG = "ue-tag";
    static final String DIALSTRING = "sip:*123%23;phone-context=home1.net@home1.net;user=dialstring";
    static final String SDP = "v=0\r\no=ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final Fakes.Sender sender = new Fakes.Sender();
    private final List<UssdGateway.MenuStep> steps = new CopyOnWriteArrayList<>();
    private Function<UssdGateway.MenuStep, UssdGateway.MenuAnswer> menu = UssdGatewayTest::exampleMenu;
    private Map<String, List<String>> registered = Map.of();
    private UssdGateway gateway = gateway(UssdConfig.DEFAULTS);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private UssdGateway gateway(UssdConfig c) {
        return new UssdGateway(c, sender, (route, step) -> {
            steps.add(step);
            return menu.apply(step);
        }, timer, new Fakes.DirectExecutor(), aor -> registered.getOrDefault(aor, List.of()), "127.0.0.1", System::currentTimeMillis);
    }

    /** *123#: menu, submenu on 1, final text on 2. */
    static UssdGateway.MenuAnswer exampleMenu(UssdGateway.MenuStep s) {
        if (s.abortReason() != null) {
            return null;
        }
        return switch (s.step()) {
            case 1 -> new UssdGateway.MenuAnswer("1 Bundles\n2 Balance", true, null, null);
            case 2 -> new UssdGateway.MenuAnswer("1 Data\n2 Voice", true, null, null);
            default -> new UssdGateway.MenuAnswer("Voice activated & done", false, null, null);
        };
    }

    private static String ussd(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ussd-data><language>en</language><ussd-string>" + text + "</ussd-string></ussd-data>";
    }

    private Exchange invite(String body) {
        String multipart = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "\r\n--b1\r\nContent-Type: application/vnd.3gpp.ussd+xml\r\n\r\n"
                + body + "\r\n--b1--\r\n";
        Exchange ex = request("INVITE", CALL, UE_TAG, null, 127, DIALSTRING, Map.of("Recv-Info", "g.3gpp.ussd",
                "P-Asserted-Identity", "<sip:user1@home1.net>"), "multipart/mixed;boundary=b1", multipart);
        ex.getIn().setHeader(SipHeaders.DIALOG, new SipDialog(CALL, DIALSTRING, "as-tag", "sip:user1@home1.net", UE_TAG,
                "sip:user1@127.0.0.1:5070", List.of("<sip:pcscf.home1.net;lr>"), 0));
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    private Exchange ack() {
        Exchange ex = request("ACK", CALL, UE_TAG, "as-tag", 127, "sip:ussd@127.0.0.1", Map.of(), null, null);
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    private Exchange info(long cseq, Map<String, String> headers, String contentType, String body) {
        Exchange ex = request("INFO", CALL, UE_TAG, "as-tag", cseq, "sip:ussd@127.0.0.1", headers, contentType, body);
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    private Exchange userInfo(long cseq, String text) {
        return info(cseq, Map.of("Info-Package", "g.3gpp.ussd", "Content-Disposition", "info-package"),
                "application/vnd.3gpp.ussd+xml", ussd(text));
    }

    @Test
    void aMenuSessionStaysInTheDialog() {
        Exchange inv = invite(ussd("*123#"));
        Fakes.Response ok = server(inv).responses.get(0);
        assertEquals(200, ok.status);
        assertEquals(List.of("g.3gpp.ussd"), ok.headers.get("Recv-Info"));
        assertTrue(ok.headers.get("Allow").get(0).contains("INFO"));
        assertEquals("application/sdp", ok.contentType);
        assertTrue(new String(ok.body).contains("m=audio 0 RTP/AVP 0"), new String(ok.body));
        assertTrue(inv.getProperty(SipHeaders.REPLY_DEFERRED, Boolean.class));
        // the route ran already, but nothing goes out before the ACK
        assertEquals(1, steps.size());
        assertEquals("*123#", steps.get(0).ussdString());
        assertEquals("user1@home1.net", steps.get(0).subscriber());
        assertNull(steps.get(0).input());
        assertTrue(sender.sent.isEmpty());

        ack();
        Fakes.Sent menu1 = sender.last();
        assertEquals("INFO", menu1.method());
        assertEquals(1, menu1.cseq());
        assertEquals("as-tag", menu1.localTag());
        assertEquals(UE_TAG, menu1.remoteTag());
        assertEquals("sip:user1@127.0.0.1:5070", menu1.requestUri());
        assertEquals("g.3gpp.ussd", menu1.headers().get("Info-Package"));
        assertEquals("info-package", menu1.headers().get("Content-Disposition"));
        assertEquals("application/vnd.3gpp.ussd+xml", menu1.contentType());
        assertTrue(menu1.text().contains("<ussd-string>1 Bundles\n2 Balance</ussd-string><anyExt><UnstructuredSS-Request/></anyExt>"), menu1.text());
        assertEquals("WAITING_USER", gateway.sessions().get(0).state());

        Exchange reply1 = userInfo(128, "1");
        assertEquals(200, status(reply1));
        assertNull(server(reply1).responses.get(0).body);
        assertEquals("1", steps.get(1).input());
        assertEquals(2, steps.get(1).step());
        Fakes.Sent menu2 = sender.last();
        assertEquals("INFO", menu2.method());
        assertEquals(2, menu2.cseq());
        assertTrue(menu2.text().contains("1 Data\n2 Voice"));

        userInfo(129, "2");
        Fakes.Sent bye = sender.last();
        assertEquals("BYE", bye.method());
        assertEquals(3, bye.cseq());
        assertTrue(bye.text().contains("<ussd-string>Voice activated &amp; done</ussd-string></ussd-data>"), bye.text());
        assertFalse(bye.text().contains("anyExt"));
        assertEquals(0, gateway.size());
        assertEquals(3, sender.sent.size());
    }

    @Test
    void aSingleAnswerGoesInTheBye() {
        menu = s -> new UssdGateway.MenuAnswer("Your balance is 10.00 EUR", false, null, null);
        invite(ussd("*100#"));
        ack();
        assertEquals(1, sender.sent.size());
        assertEquals("BYE", sender.last().method());
        assertTrue(sender.last().text().contains("Your balance is 10.00 EUR"));
        assertEquals(0, gateway.size());
    }

    @Test
    void infoOfAnotherPackageGets469AndChangesNothing() {
        invite(ussd("*123#"));
        ack();
        Exchange bad = info(128, Map.of(), "application/vnd.3gpp.ussd+xml", ussd("1"));
        assertEquals(469, status(bad));
        assertEquals("g.3gpp.ussd", bad.getIn().getHeader(SipHeaders.HEADER_PREFIX + "Recv-Info"));
        assertEquals(1, steps.size());
        assertEquals(1, sender.sent.size());
        // the session goes on
        userInfo(129, "1");
        assertEquals(2, steps.size());
    }

    @Test
    void aMalformedInfoEndsWithErrorCode3() {
        invite(ussd("*123#"));
        ack();
        Exchange bad = info(128, Map.of("Info-Package", "g.3gpp.ussd"), "application/vnd.3gpp.ussd+xml", "<ussd-data><ussd-string>1</ussd");
        assertEquals(200, status(bad));
        assertEquals("BYE", sender.last().method());
        assertTrue(sender.last().text().contains("<error-code>3</error-code>"), sender.last().text());
        assertEquals(0, gateway.size());
    }

    @Test
    void aMalformedInviteIsAcceptedAndEndedWithErrorCode3() {
        Exchange inv = invite("<ussd-data><ussd-string>*123#</ussd-string>");
        assertEquals(200, status(inv));
        assertTrue(steps.isEmpty());
        ack();
        assertEquals("BYE", sender.last().method());
        assertTrue(sender.last().text().contains("<error-code>3</error-code>"));
        assertEquals(0, gateway.size());
    }

    @Test
    void theUserHangsUpMidMenu() {
        invite(ussd("*123#"));
        ack();
        Exchange bye = request("BYE", CALL, UE_TAG, "as-tag", 128, "sip:ussd@127.0.0.1", Map.of(), null, null);
        assertTrue(gateway.serves(bye));
        gateway.handle(bye);
        assertEquals(200, status(bye));
        assertEquals(0, gateway.size());
        assertEquals("bye", steps.get(steps.size() - 1).abortReason());
        // a late INFO is no longer ours
        Exchange late = request("INFO", CALL, UE_TAG, "as-tag", 129, "sip:ussd@127.0.0.1", Map.of("Info-Package", "g.3gpp.ussd"), null, null);
        assertFalse(gateway.serves(late));
    }

    @Test
    void aSilentUserTimesOut() throws Exception {
        gateway = gateway(UssdConfig.from(Map.of("session_timeout", "0.2")));
        invite(ussd("*123#"));
        ack();
        long deadline = System.currentTimeMillis() + 5000;
        while (!"BYE".equals(sender.last().method()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, gateway.size());
        assertEquals("BYE", sender.last().method());
        assertEquals(2, sender.last().cseq());
        assertTrue(sender.last().text().contains("<error-code>1</error-code>"));
        Thread.sleep(200); // the route's abort call follows the BYE on the timer thread
        assertEquals("timeout", steps.get(steps.size() - 1).abortReason());
    }

    @Test
    void aFailingRouteEndsWithErrorCode1() {
        menu = s -> {
            throw new IllegalStateException("database down");
        };
        invite(ussd("*123#"));
        ack();
        assertEquals("BYE", sender.last().method());
        assertTrue(sender.last().text().contains("<error-code>1</error-code>"));
    }

    @Test
    void aLowerCSeqIsRefused() {
        invite(ussd("*123#"));
        ack();
        userInfo(130, "1");
        assertEquals(2, steps.size());
        assertEquals(500, status(userInfo(129, "2"))); // RFC 3261 12.2.2
        assertEquals(2, steps.size());
        assertEquals(200, status(userInfo(131, "2")));
        assertEquals(3, steps.size());
    }

    @Test
    void aSecondUserInfoWhileTheRouteRunsIsAnsweredAndIgnored() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            gateway = new UssdGateway(UssdConfig.DEFAULTS, sender, (route, step) -> {
                steps.add(step);
                if (step.step() == 2) {
                    release.await(5, TimeUnit.SECONDS);
                }
                return exampleMenu(step);
            }, timer, pool, aor -> List.of(), "127.0.0.1", System::currentTimeMillis);
            invite(ussd("*123#"));
            ack();
            long deadline = System.currentTimeMillis() + 5000;
            while (sender.sent.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            userInfo(128, "1");   // step 2 runs (held)
            assertEquals(200, status(userInfo(129, "2")));  // TS 24.390 5.1.2.1: none of ours is outstanding
            release.countDown();
            while (sender.sent.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertEquals(2, steps.size());
            assertEquals(2, sender.sent.size());
            assertEquals("INFO", sender.last().method());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelBeforeTheAnswerRemovesTheSession() {
        // the sip component answered a CANCEL (487 to the INVITE) before the gateway's 200
        Exchange ex = request("INVITE", CALL, UE_TAG, null, 127, DIALSTRING, Map.of(), null, null);
        ex.getIn().setHeader(SipHeaders.DIALOG, new SipDialog(CALL, DIALSTRING, "as-tag", "sip:alice@127.0.0.1", UE_TAG,
                "sip:alice@127.0.0.1:5070", List.of(), 0));
        server(ex).respond(487, null, null, null, null);
        gateway.handle(ex);
        assertEquals(0, gateway.size());
        assertTrue(steps.isEmpty());
    }

    @Test
    void networkInitiatedRequest() throws Exception {
        registered = Map.of("bob@127.0.0.1", List.of("sip:bob@127.0.0.1:5090"));
        CompletableFuture<UssdSessionInfo> started = gateway.start("bob@127.0.0.1", "Rate us 1-5", false, null, null);
        Fakes.Sent invite = sender.last();
        assertEquals("INVITE", invite.method());
        assertEquals("sip:bob@127.0.0.1:5090", invite.requestUri());
        assertTrue(invite.contentType().startsWith("multipart/mixed"));
        assertTrue(invite.text().contains("m=audio 0 RTP/AVP 0"));
        assertTrue(invite.text().contains("<ussd-string>Rate us 1-5</ussd-string><anyExt><UnstructuredSS-Request/></anyExt>"), invite.text());
        assertFalse(started.isDone());
        SipDialog uac = new SipDialog(invite.callId(), "sip:ussd@127.0.0.1", "our-tag", "sip:bob@127.0.0.1", "bob-tag",
                "sip:bob@127.0.0.1:5090", List.of(), 1);
        invite.inviteDone().done(200, "OK", uac);
        UssdSessionInfo info = started.get(1, TimeUnit.SECONDS);
        assertEquals("network", info.direction());
        assertEquals("WAITING_USER", info.state());
        Exchange answer = request("INFO", invite.callId(), "bob-tag", "our-tag", 1, "sip:ussd@127.0.0.1",
                Map.of("Info-Package", "g.3gpp.ussd"), "application/vnd.3gpp.ussd+xml", ussd("5"));
        assertTrue(gateway.serves(answer));
        menu = s -> new UssdGateway.MenuAnswer("Thanks: " + s.input(), false, null, null);
        gateway.handle(answer);
        assertEquals(200, status(answer));
        assertEquals("5", steps.get(0).input());
        assertFalse(steps.get(0).mobile());
        assertEquals("BYE", sender.last().method());
        assertEquals(2, sender.last().cseq());
        assertTrue(sender.last().text().contains("Thanks: 5"));
    }

    @Test
    void networkInitiatedNotifyIsAcknowledgedAndEnded() throws Exception {
        CompletableFuture<UssdSessionInfo> started = gateway.start("sip:carol@127.0.0.1:5092", "Your bundle expires", true, "en", null);
        Fakes.Sent invite = sender.last();
        assertTrue(invite.text().contains("<anyExt><UnstructuredSS-Notify/></anyExt>"));
        // the UE's acknowledgement overtakes our view of its 2xx
        Exchange ackInfo = request("INFO", invite.callId(), "c-tag", "our-tag", 1, "sip:ussd@127.0.0.1", Map.of("Info-Package", "g.3gpp.ussd"),
                "application/vnd.3gpp.ussd+xml", "<ussd-data><language>en</language><UnstructuredSS-Notify/></ussd-data>");
        gateway.handle(ackInfo);
        assertEquals(200, status(ackInfo));
        invite.inviteDone().done(200, "OK", new SipDialog(invite.callId(), "sip:ussd@127.0.0.1", "our-tag", "sip:carol@127.0.0.1", "c-tag",
                "sip:carol@127.0.0.1:5092", List.of(), 1));
        started.get(1, TimeUnit.SECONDS);
        assertEquals("BYE", sender.last().method());
        assertNull(sender.last().body());
        assertEquals(0, gateway.size());
        assertTrue(steps.isEmpty());
    }

    @Test
    void networkInitiatedErrors() throws Exception {
        assertStatus(404, gateway.start("nobody@127.0.0.1", "x", false, null, null));
        gateway.subscribers(aor -> aor.equals("carol@127.0.0.1"));
        assertMessage("unknown subscriber nobody@127.0.0.1", gateway.start("nobody@127.0.0.1", "x", false, null, null));
        assertMessage("carol@127.0.0.1 is not registered", gateway.start("carol@127.0.0.1", "x", false, null, null));
        assertStatus(400, gateway.start("", "x", false, null, null));
        assertStatus(400, gateway.start("bob@127.0.0.1", "", false, null, null));
        CompletableFuture<UssdSessionInfo> busy = gateway.start("sip:bob@127.0.0.1:5090", "x", false, null, null);
        sender.last().inviteDone().done(486, "Busy Here", null);
        assertStatus(502, busy);
        CompletableFuture<UssdSessionInfo> silent = gateway.start("sip:bob@127.0.0.1:5090", "x", false, null, null);
        sender.last().inviteDone().done(408, "Request Timeout", null);
        assertStatus(504, silent);
        assertEquals(0, gateway.size());
    }

    private static void assertMessage(String message, CompletableFuture<UssdSessionInfo> f) throws Exception {
        try {
            f.get(1, TimeUnit.SECONDS);
            fail("expected " + message);
        } catch (ExecutionException e) {
            assertEquals(message, e.getCause().getMessage());
        }
    }

    private static void assertStatus(int status, CompletableFuture<UssdSessionInfo> f) throws Exception {
        try {
            f.get(1, TimeUnit.SECONDS);
            fail("expected " + status);
        } catch (ExecutionException e) {
            UssdException u = assertInstanceOf(UssdException.class, e.getCause());
            assertEquals(status, u.status(), u.getMessage());
        }
    }

    @Test
    void recognisesUssdInvites() {
        Exchange plain = request("INVITE", "c2", "t", null, 1, "sip:bob@127.0.0.1", Map.of(), "application/sdp", SDP);
        assertFalse(gateway.serves(plain));
        Exchange bare = request("INVITE", "c3", "t", null, 1, "sip:ussd@127.0.0.1", Map.of(), "application/vnd.3gpp.ussd+xml", ussd("*100#"));
        assertTrue(gateway.serves(bare));
        Exchange inDialog = request("INVITE", "c4", "t", "x", 1, DIALSTRING, Map.of(), null, null);
        assertFalse(gateway.serves(inDialog));
        Exchange info = request("INFO", "unknown", "t", "x", 1, "sip:x@127.0.0.1", Map.of(), null, null);
        assertFalse(gateway.serves(info));
    }
}
