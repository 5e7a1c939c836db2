package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static io.switchboard.ussd.internal.Fakes.server;
import static io.switchboard.ussd.internal.Fakes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.test.FakeSipServerExchange;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** UE-initiated sessions: the 200 at once, nothing before the ACK, a bad INVITE body, CANCEL before our 200. */
class UeInitiatedSessionTest extends GatewayTestSupport {

    @Test
    void aMenuSessionStaysInTheDialog() {
        Exchange inv = invite(ussd("*123#"));
        FakeSipServerExchange.Response ok = server(inv).responses().get(0);
        assertEquals(200, ok.status());
        assertEquals(List.of("g.3gpp.ussd"), ok.headers().get("Recv-Info"));
        assertTrue(ok.headers().get("Allow").get(0).contains("INFO"));
        assertEquals("application/sdp", ok.contentType());
        assertTrue(new String(ok.body()).contains("m=audio 0 RTP/AVP 0"), new String(ok.body()));
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
        assertTrue(
                menu1.text()
                        .contains("<ussd-string>1 Bundles\n2 Balance</ussd-string><anyExt><UnstructuredSS-Request/>"
                                + "</anyExt>"),
                menu1.text());
        assertEquals("WAITING_USER", gateway.sessions().get(0).state());

        Exchange reply1 = userInfo(128, "1");
        assertEquals(200, status(reply1));
        assertNull(server(reply1).responses().get(0).body());
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
        assertTrue(
                bye.text().contains("<ussd-string>Voice activated &amp; done</ussd-string></ussd-data>"), bye.text());
        assertFalse(bye.text().contains("anyExt"));
        assertEquals(0, gateway.size());
        assertEquals(3, sender.sent.size());
    }

    @Test
    void aSingleAnswerGoesInTheBye() {
        menu = s -> MenuAnswer.last("Your balance is 10.00 EUR");
        invite(ussd("*100#"));
        ack();
        assertEquals(1, sender.sent.size());
        assertEquals("BYE", sender.last().method());
        assertTrue(sender.last().text().contains("Your balance is 10.00 EUR"));
        assertEquals(0, gateway.size());
        assertEquals(1, sessions("ue", "completed"));
        assertEquals(0, sessions("network", "completed"));
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
    void cancelBeforeTheAnswerRemovesTheSession() {
        // the sip component answered a CANCEL (487 to the INVITE) before the gateway's 200
        Exchange ex = request("INVITE", CALL, UE_TAG, null, 127, DIALSTRING, Map.of(), null, null);
        ex.getIn()
                .setHeader(
                        SipHeaders.DIALOG,
                        new SipDialog(
                                CALL,
                                DIALSTRING,
                                "as-tag",
                                "sip:alice@127.0.0.1",
                                UE_TAG,
                                "sip:alice@127.0.0.1:5070",
                                List.of(),
                                0));
        server(ex).respond(487, null, null, null, null);
        gateway.handle(ex);
        assertEquals(0, gateway.size());
        assertTrue(steps.isEmpty());
        assertEquals(1, sessions("ue", "cancelled"));
    }
}
