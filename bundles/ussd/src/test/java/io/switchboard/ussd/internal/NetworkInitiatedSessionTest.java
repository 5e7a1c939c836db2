package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static io.switchboard.ussd.internal.Fakes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchboard.sip.SipDialog;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdSessionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Network-initiated sessions: our INVITE, the UE's answer or acknowledgement, and the errors the caller gets. */
class NetworkInitiatedSessionTest extends GatewayTestSupport {

    @Test
    void networkInitiatedRequest() throws Exception {
        registered = Map.of("bob@127.0.0.1", List.of("sip:bob@127.0.0.1:5090"));
        CompletableFuture<UssdSessionInfo> started = gateway.start("bob@127.0.0.1", "Rate us 1-5", REQUEST, null, null);
        Fakes.Sent invite = sender.last();
        assertEquals("INVITE", invite.method());
        assertEquals("sip:bob@127.0.0.1:5090", invite.requestUri());
        assertTrue(invite.contentType().startsWith("multipart/mixed"));
        assertTrue(invite.text().contains("m=audio 0 RTP/AVP 0"));
        assertTrue(
                invite.text()
                        .contains("<ussd-string>Rate us 1-5</ussd-string><anyExt><UnstructuredSS-Request/></anyExt>"),
                invite.text());
        assertFalse(started.isDone());
        SipDialog uac = new SipDialog(
                invite.callId(),
                "sip:ussd@127.0.0.1",
                "our-tag",
                "sip:bob@127.0.0.1",
                "bob-tag",
                "sip:bob@127.0.0.1:5090",
                List.of(),
                1);
        invite.inviteDone().done(200, "OK", uac);
        UssdSessionInfo info = started.get(1, TimeUnit.SECONDS);
        assertEquals("network", info.direction());
        assertEquals("WAITING_USER", info.state());
        Exchange answer = request(
                "INFO",
                invite.callId(),
                "bob-tag",
                "our-tag",
                1,
                "sip:ussd@127.0.0.1",
                Map.of("Info-Package", "g.3gpp.ussd"),
                "application/vnd.3gpp.ussd+xml",
                ussd("5"));
        assertTrue(gateway.serves(answer));
        menu = s -> MenuAnswer.last("Thanks: " + s.input());
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
        CompletableFuture<UssdSessionInfo> started =
                gateway.start("sip:carol@127.0.0.1:5092", "Your bundle expires", NOTIFY, "en", null);
        Fakes.Sent invite = sender.last();
        assertTrue(invite.text().contains("<anyExt><UnstructuredSS-Notify/></anyExt>"));
        // the UE's acknowledgement overtakes our view of its 2xx
        Exchange ackInfo = request(
                "INFO",
                invite.callId(),
                "c-tag",
                "our-tag",
                1,
                "sip:ussd@127.0.0.1",
                Map.of("Info-Package", "g.3gpp.ussd"),
                "application/vnd.3gpp.ussd+xml",
                "<ussd-data><language>en</language><UnstructuredSS-Notify/></ussd-data>");
        gateway.handle(ackInfo);
        assertEquals(200, status(ackInfo));
        invite.inviteDone()
                .done(
                        200,
                        "OK",
                        new SipDialog(
                                invite.callId(),
                                "sip:ussd@127.0.0.1",
                                "our-tag",
                                "sip:carol@127.0.0.1",
                                "c-tag",
                                "sip:carol@127.0.0.1:5092",
                                List.of(),
                                1));
        started.get(1, TimeUnit.SECONDS);
        assertEquals("BYE", sender.last().method());
        assertNull(sender.last().body());
        assertEquals(0, gateway.size());
        assertTrue(steps.isEmpty());
        assertEquals(1, sessions("network", "completed"));
        assertEquals(1, sessions());
    }

    @Test
    void networkInitiatedErrors() throws Exception {
        assertStatus(404, gateway.start("nobody@127.0.0.1", "x", REQUEST, null, null));
        gateway.subscribers(aor -> aor.equals("carol@127.0.0.1"));
        assertMessage(
                "unknown subscriber nobody@127.0.0.1", gateway.start("nobody@127.0.0.1", "x", REQUEST, null, null));
        assertMessage("carol@127.0.0.1 is not registered", gateway.start("carol@127.0.0.1", "x", REQUEST, null, null));
        assertStatus(400, gateway.start("", "x", REQUEST, null, null));
        assertStatus(400, gateway.start("bob@127.0.0.1", "", REQUEST, null, null));
        CompletableFuture<UssdSessionInfo> busy = gateway.start("sip:bob@127.0.0.1:5090", "x", REQUEST, null, null);
        sender.last().inviteDone().done(486, "Busy Here", null);
        assertStatus(502, busy);
        CompletableFuture<UssdSessionInfo> silent = gateway.start("sip:bob@127.0.0.1:5090", "x", REQUEST, null, null);
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
}
