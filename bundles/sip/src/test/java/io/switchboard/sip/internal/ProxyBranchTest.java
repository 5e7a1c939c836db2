package io.switchboard.sip.internal;

import static io.switchboard.sip.internal.ProxyRelayTest.invite;
import static io.switchboard.sip.internal.ProxyRelayTest.receiveFinal;
import static io.switchboard.sip.internal.ProxyRelayTest.receiveRequest;
import static io.switchboard.sip.internal.ProxyRelayTest.receiveStatus;
import static io.switchboard.sip.internal.ProxyRelayTest.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipBranchResult;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.SipRelayHandle;
import io.switchboard.sip.internal.RawSip.Msg;
import io.switchboard.sip.internal.RawSip.Udp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Branches added to a running fork ({@link SipRelayHandle}, {@code proxy:branch}) and holds ({@code holdFor}) on the
 * wire: raw UDP sockets play the caller, the ringing callee and the device that comes later.
 */
class ProxyBranchTest extends SipTestSupport {

    int port;
    ProxyComponent proxy;
    final List<String> targets = new CopyOnWriteArrayList<>();
    final BlockingQueue<Integer> relayStatus = new LinkedBlockingQueue<>();
    final BlockingQueue<String> branchResults = new LinkedBlockingQueue<>();
    volatile long holdFor;
    volatile String fallback;

    @BeforeEach
    void startProxy() throws Exception {
        port = RawSip.freePort();
        proxy = new ProxyComponent();
        context.addComponent("proxy", proxy);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> {
                            e.getMessage().setHeader(SipProxyHeaders.TARGETS, new ArrayList<>(targets));
                            if (holdFor > 0) {
                                e.getMessage().setHeader(SipProxyHeaders.HOLD_FOR, holdFor);
                            }
                        })
                        .to("proxy:relay?inviteTimeout=10000&failureRoute=direct:failure")
                        .process(e -> relayStatus.add(e.getMessage().getHeader(SipProxyHeaders.STATUS, Integer.class)));
                from("direct:failure")
                        .filter(e -> fallback != null)
                        .process(e -> e.getMessage().setHeader(SipProxyHeaders.TARGETS, fallback))
                        .to("proxy:relay");
                // what the push route's REGISTER handler does: a route of another exchange adds the branch by Call-ID
                from("direct:branch")
                        .to("proxy:branch")
                        .process(e -> branchResults.add(
                                e.getMessage().getHeader(SipProxyHeaders.BRANCH_RESULT, String.class)));
            }
        });
    }

    private void addByRoute(String callId, String target) {
        context.createProducerTemplate()
                .sendBodyAndHeaders(
                        "direct:branch",
                        null,
                        Map.of(
                                SipProxyHeaders.CALL_ID,
                                callId,
                                SipProxyHeaders.TARGETS,
                                target,
                                SipProxyHeaders.HEADER_PREFIX + "X-Woken",
                                "yes"));
    }

    private SipRelayHandle running(String callId) throws InterruptedException {
        assertTrue(await(() -> proxy.byCallId(callId) != null, 3000), "relay of " + callId + " listed");
        return proxy.byCallId(callId);
    }

    @Test
    void aBranchAddedWhileTheFirstRingsWinsAndTheFirstIsCancelled() throws Exception {
        try (Udp a = new Udp();
                Udp desk = new Udp();
                Udp mobile = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + desk.port());
            String callId = RawSip.newCallId();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg deskInvite = receiveRequest(desk, "INVITE", 3000);
            assertNotNull(deskInvite);
            desk.send(response(deskInvite, 180, "Ringing", "dTag", null), port);
            assertNotNull(receiveStatus(a, 180, 3000));

            SipBranchResult added = running(callId)
                    .addBranch(
                            "sip:bob@127.0.0.1:" + mobile.port(),
                            Map.of("Call-Info", List.of("<sip:127.0.0.1>;answer-after=0")),
                            false);
            assertEquals(SipBranchResult.ADDED, added);
            Msg mobileInvite = receiveRequest(mobile, "INVITE", 3000);
            assertNotNull(mobileInvite, "the added branch got the INVITE");
            assertEquals("sip:bob@127.0.0.1:" + mobile.port(), mobileInvite.requestUri());
            assertEquals("<sip:127.0.0.1>;answer-after=0", mobileInvite.header("Call-Info"));
            assertEquals("<sip:127.0.0.1:" + port + ";lr>", mobileInvite.header("Record-Route"));
            assertEquals(deskInvite.header("Call-ID"), mobileInvite.header("Call-ID"));

            mobile.send(
                    response(
                            mobileInvite,
                            200,
                            "OK",
                            "mTag",
                            List.of("Contact: <sip:bob@127.0.0.1:" + mobile.port() + ">")),
                    port);
            Msg ok = receiveStatus(a, 200, 3000);
            assertNotNull(ok, "the added branch's 200 went upstream");
            assertTrue(ok.header("To").contains("mTag"), ok.text);
            Msg cancel = receiveRequest(desk, "CANCEL", 3000);
            assertNotNull(cancel, "the ringing desk phone is CANCELled");
            desk.send(response(cancel, 200, "OK", "dTag", null), port);
            desk.send(response(deskInvite, 487, "Request Terminated", "dTag", null), port);
            assertEquals(200, relayStatus.poll(3, TimeUnit.SECONDS));
            assertNull(proxy.byCallId(callId), "an ended relay is not listed");
            assertEquals(0, proxy.relays().size());
        }
    }

    @Test
    void aBranchAfterThe2xxIsRefusedAndCancelOthersCancelsTheRingingBranch() throws Exception {
        try (Udp a = new Udp();
                Udp desk = new Udp();
                Udp picker = new Udp();
                Udp late = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + desk.port());
            String callId = RawSip.newCallId();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg deskInvite = receiveRequest(desk, "INVITE", 3000);
            desk.send(response(deskInvite, 180, "Ringing", "dTag", null), port);
            assertNotNull(receiveStatus(a, 180, 3000));
            SipRelayHandle relay = running(callId);
            assertEquals(SipBranchResult.BAD_TARGET, relay.addBranch("sip:127.0.0.1:" + port, null, true), "never us");
            assertEquals(SipBranchResult.BAD_TARGET, relay.addBranch("tel:+123", null, true));

            assertEquals(SipBranchResult.ADDED, relay.addBranch("sip:carol@127.0.0.1:" + picker.port(), null, true));
            Msg cancel = receiveRequest(desk, "CANCEL", 3000);
            assertNotNull(cancel, "cancelOthers: the ringing branch is CANCELled at once");
            desk.send(response(cancel, 200, "OK", "dTag", null), port);
            desk.send(response(deskInvite, 487, "Request Terminated", "dTag", null), port);
            Msg pickerInvite = receiveRequest(picker, "INVITE", 3000);
            assertNotNull(pickerInvite);
            Thread.sleep(300);
            assertFalse(relay.ended(), "the picker's branch keeps the relay going after the 487");
            picker.send(
                    response(
                            pickerInvite,
                            200,
                            "OK",
                            "pTag",
                            List.of("Contact: <sip:carol@127.0.0.1:" + picker.port() + ">")),
                    port);
            assertNotNull(receiveStatus(a, 200, 3000), "the picker's 200 connects the caller");
            assertTrue(relay.answered());
            assertEquals(SipBranchResult.ANSWERED, relay.addBranch("sip:x@127.0.0.1:" + late.port(), null, false));
            assertEquals(200, relayStatus.poll(3, TimeUnit.SECONDS));
            assertEquals(SipBranchResult.NOT_FOUND.name(), addAndResult(callId, "sip:x@127.0.0.1:" + late.port()));
            assertNull(receiveRequest(late, "INVITE", 300), "no branch after the answer");
        }
    }

    private String addAndResult(String callId, String target) throws InterruptedException {
        addByRoute(callId, target);
        return branchResults.poll(3, TimeUnit.SECONDS);
    }

    @Test
    void aHeldRelayWithNoBranchWaitsForTheBranchOfAnotherRoute() throws Exception {
        holdFor = 10_000;
        try (Udp a = new Udp();
                Udp mobile = new Udp()) {
            // SipTargets set but empty: no branch yet (only push devices), the hold keeps the INVITE open
            String callId = RawSip.newCallId();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            running(callId);
            assertNull(receiveFinal(a, 1000), "held: no final response while nothing rings");
            assertEquals(SipBranchResult.ADDED.name(), addAndResult(callId, "sip:bob@127.0.0.1:" + mobile.port()));
            Msg mobileInvite = receiveRequest(mobile, "INVITE", 3000);
            assertNotNull(mobileInvite, "the branch added by proxy:branch rings");
            assertEquals("yes", mobileInvite.header("X-Woken"), "SipProxyHeader.* put on the branch");
            // the hold was released with the branch: its failure ends the call at once, long before holdFor
            mobile.send(response(mobileInvite, 486, "Busy Here", "mTag", null), port);
            Msg fin = receiveFinal(a, 3000);
            assertNotNull(fin);
            assertEquals(486, fin.status());
        }
    }

    @Test
    void aHoldKeepsTheCallerWhileTheDeskPhoneIsBusyThenTheWokenDeviceAnswers() throws Exception {
        holdFor = 10_000;
        try (Udp a = new Udp();
                Udp desk = new Udp();
                Udp mobile = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + desk.port());
            String callId = RawSip.newCallId();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg deskInvite = receiveRequest(desk, "INVITE", 3000);
            desk.send(response(deskInvite, 486, "Busy Here", "dTag", null), port);
            assertNotNull(receiveRequest(desk, "ACK", 3000));
            assertNull(receiveFinal(a, 1000), "the 486 is not sent while the relay is held");
            assertEquals(SipBranchResult.ADDED.name(), addAndResult(callId, "sip:bob@127.0.0.1:" + mobile.port()));
            Msg mobileInvite = receiveRequest(mobile, "INVITE", 3000);
            assertNotNull(mobileInvite);
            mobile.send(
                    response(
                            mobileInvite,
                            200,
                            "OK",
                            "mTag",
                            List.of("Contact: <sip:bob@127.0.0.1:" + mobile.port() + ">")),
                    port);
            Msg fin = receiveFinal(a, 3000);
            assertNotNull(fin);
            assertEquals(200, fin.status(), "the woken device's answer, not the desk phone's 486");
        }
    }

    @Test
    void aHoldThatEndsWithoutBranchGives480AndAfterAFailedBranchTheBestResponse() throws Exception {
        holdFor = 800;
        try (Udp a = new Udp();
                Udp b = new Udp();
                Udp desk = new Udp()) {
            String callId = RawSip.newCallId();
            long t0 = System.currentTimeMillis();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg fin = receiveFinal(a, 3000);
            assertNotNull(fin);
            assertEquals(480, fin.status(), "nothing ever rang");
            assertTrue(System.currentTimeMillis() - t0 >= 700, "not before the hold ended");
            assertEquals(480, relayStatus.poll(3, TimeUnit.SECONDS));

            targets.add("sip:bob@127.0.0.1:" + desk.port());
            String second = RawSip.newCallId();
            b.send(invite("sip:bob@127.0.0.1:" + port, b, second, RawSip.branch(), null), port);
            Msg deskInvite = receiveRequest(desk, "INVITE", 3000);
            desk.send(response(deskInvite, 486, "Busy Here", "dTag", null), port);
            Msg busy = receiveFinal(b, 3000);
            assertNotNull(busy);
            assertEquals(486, busy.status(), "the best response once the hold ended");
        }
    }

    @Test
    void theHoldIsOneRelaysAFailureRoutesSerialRelayIsNotHeldAgain() throws Exception {
        holdFor = 1000;
        try (Udp a = new Udp();
                Udp desk = new Udp();
                Udp voicemail = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + desk.port());
            fallback = "sip:vm@127.0.0.1:" + voicemail.port();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null), port);
            Msg deskInvite = receiveRequest(desk, "INVITE", 3000);
            desk.send(response(deskInvite, 486, "Busy Here", "dTag", null), port);
            Msg vmInvite = receiveRequest(voicemail, "INVITE", 3000);
            assertNotNull(vmInvite, "the failure route's serial relay, after the hold");
            long sent = System.currentTimeMillis();
            voicemail.send(response(vmInvite, 486, "Busy Here", "vTag", null), port);
            Msg fin = receiveFinal(a, 3000);
            assertNotNull(fin);
            assertEquals(486, fin.status());
            assertTrue(System.currentTimeMillis() - sent < 700, "no second hold of 1000 ms");
        }
    }

    @Test
    void aCancelEndsTheHold() throws Exception {
        holdFor = 10_000;
        try (Udp a = new Udp()) {
            String callId = RawSip.newCallId();
            String branch = RawSip.branch();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, branch, null), port);
            running(callId);
            a.send(
                    RawSip.request(
                            "CANCEL", "sip:bob@127.0.0.1:" + port, "UDP", a.port(), callId, 1, branch, List.of(), null),
                    port);
            Msg fin = receiveStatus(a, 487, 3000);
            assertNotNull(fin, "487 at once: nothing to wait for");
            assertEquals(SipBranchResult.NOT_FOUND.name(), addAndResult(callId, "sip:bob@127.0.0.1:" + (port + 1)));
        }
    }
}
