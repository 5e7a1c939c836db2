package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sip.SipHeaders;
import io.switchboard.subscription.Subscription;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE handling (ScaSubscribe): call-info and line-seize answers and NOTIFYs, refusals, expiry of
 * line-seize subscriptions and stale appearances, a rebooted device. */
class ScaSubscribeTest extends ScaEngineFixture {

    @Test
    void callInfoSubscribeIs202WithTheFullState() {
        Exchange ex = subscribe("call-info", "ci-a", "sip:a@127.0.0.1:5071", null, null, false);
        assertEquals(202, ex.getIn().getHeader("answered"));
        assertEquals(IDLE, layer.sent.get(0).body().headers().get("Call-Info"));
        assertEquals(3600, ((FakeLayer.Sub) layer.sent.get(0).to()).expiresAt()); // package default, not 0
    }

    @Test
    void lineSeizeReservesTheIndexAndNotifiesEveryMember() {
        membersSubscribe();
        Exchange ex = subscribe(
                "line-seize", "ls-a", "sip:a@127.0.0.1:5071", 30, "<sip:example.com>;appearance-index=1", false);
        assertEquals(200, ex.getIn().getHeader("answered"));
        assertEquals(15, ((FakeLayer.Sub) layer.subs.get("ls-a")).expiresAt()); // line_seize_max_expires
        assertEquals(
                "<sip:example.com>;appearance-index=1",
                layer.sent.get(0).body().headers().get("Call-Info"));
        String seized = "<sip:example.com>;appearance-index=1;appearance-state=seized," + IDLE;
        assertEquals(List.of("ci-a " + seized, "ci-b " + seized, "ci-c " + seized), layer.callInfoNotifies());

        // the loser of the race: 480 + Retry-After 1, nothing NOTIFYed
        layer.sent.clear();
        Exchange busy = subscribe(
                "line-seize", "ls-b", "sip:b@127.0.0.1:5072", 15, "<sip:example.com>;appearance-index=1", false);
        assertEquals(480, busy.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("1", busy.getIn().getHeader("SipHeader.Retry-After"));
        assertTrue(layer.sent.isEmpty());
        assertFalse(layer.subs.containsKey("ls-b"));

        // index 0: the lowest free one; a refresh does not seize again
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 15, "<sip:example.com>;appearance-index=0", false);
        assertEquals(
                "<sip:example.com>;appearance-index=2",
                layer.sent.get(0).body().headers().get("Call-Info"));
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 15, null, true);
        assertEquals(2, sca.appearances(LINE).size());

        // un-subscribe releases and NOTIFYs idle
        layer.sent.clear();
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 0, null, true);
        assertEquals(1, sca.appearances(LINE).size());
        assertTrue(layer.callInfoNotifies().get(0).endsWith(seized));
    }

    @Test
    void badLineSeizeRequests() {
        assertEquals(
                400,
                subscribe("line-seize", "x1", "sip:a@h", 15, null, false)
                        .getIn()
                        .getHeader(SipHeaders.STATUS));
        assertEquals(
                "Bad Request - missing Call-Info header",
                subscribe("line-seize", "x2", "sip:a@h", 15, null, false)
                        .getIn()
                        .getHeader(SipHeaders.REASON));
        assertEquals(
                "Bad Request - Invalid Call-Info header",
                subscribe("line-seize", "x3", "sip:a@h", 15, "<sip:d>;appearance-index=x", false)
                        .getIn()
                        .getHeader(SipHeaders.REASON));
        assertEquals(
                "Bad Event",
                subscribe("presence", "x4", "sip:a@h", 15, null, false).getIn().getHeader(SipHeaders.REASON));
        assertEquals(
                481,
                subscribe("line-seize", "x5", "sip:a@h", 15, null, true).getIn().getHeader(SipHeaders.STATUS));
    }

    @Test
    void maxAppearancesGives480() {
        for (int i = 1; i <= 3; i++) {
            subscribe("line-seize", "ls" + i, "sip:a@h", 15, "<sip:example.com>;appearance-index=0", false);
        }
        Exchange full = subscribe("line-seize", "ls4", "sip:a@h", 15, "<sip:example.com>;appearance-index=0", false);
        assertEquals(480, full.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("1", full.getIn().getHeader("SipHeader.Retry-After"));
    }

    @Test
    void expiredLineSeizeFreesASeizedAppearanceAndStaleOnesArePurged() throws ScaException {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@h", 15, "<sip:example.com>;appearance-index=1", false);
        Subscription ls = layer.subs.get("ls-a");
        layer.sent.clear();
        engine.expired(ls);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());

        sca.update(LINE, 2, AppearanceState.SEIZED, null);
        now.addAndGet(121_000);
        assertEquals(1, engine.purgeStale());
        assertTrue(sca.appearances().isEmpty());
    }

    @Test
    void rebootedDeviceLosesItsAppearances() throws ScaException {
        membersSubscribe();
        sca.seize(LINE, "sip:a@127.0.0.1:5071");
        layer.sent.clear();
        subscribe("call-info", "ci-a2", "sip:a@127.0.0.1:5071", 3600, null, false);
        assertTrue(sca.appearances().isEmpty());
        assertTrue(layer.callInfoNotifies().contains("ci-b " + IDLE));
    }
}
