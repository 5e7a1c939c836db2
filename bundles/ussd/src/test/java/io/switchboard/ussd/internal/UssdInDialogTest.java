package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static io.switchboard.ussd.internal.Fakes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * A session once its dialog stands (opened by the UE here): the UE's INFO and BYE, the menu route's answers and
 * failures, the session timeout, CSeq order and one INFO outstanding per direction.
 */
class UssdInDialogTest extends GatewayTestSupport {

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
        Exchange bad = info(
                128,
                Map.of("Info-Package", "g.3gpp.ussd"),
                "application/vnd.3gpp.ussd+xml",
                "<ussd-data><ussd-string>1</ussd");
        assertEquals(200, status(bad));
        assertEquals("BYE", sender.last().method());
        assertTrue(
                sender.last().text().contains("<error-code>3</error-code>"),
                sender.last().text());
        assertEquals(0, gateway.size());
        assertEquals(1, sessions("ue", "error"));
        assertEquals(1, sessions());
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
        assertEquals(1, sessions("ue", "bye"));
        assertEquals(1, sessions());
        // a late INFO is no longer ours
        Exchange late = request(
                "INFO",
                CALL,
                UE_TAG,
                "as-tag",
                129,
                "sip:ussd@127.0.0.1",
                Map.of("Info-Package", "g.3gpp.ussd"),
                null,
                null);
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
        // the route's abort call follows the BYE on the timer thread
        while (!"timeout".equals(steps.get(steps.size() - 1).abortReason())
                && System.currentTimeMillis() < deadline + 5000) {
            Thread.sleep(20);
        }
        assertEquals("timeout", steps.get(steps.size() - 1).abortReason());
        assertEquals(1, sessions("ue", "timeout"));
        assertEquals(1, sessions(), "counted once, not also as the error its BYE carries");
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
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            gateway = new UssdGateway(
                    UssdConfig.DEFAULTS,
                    options()
                            .menu((route, step) -> {
                                steps.add(step);
                                if (step.step() == 2) {
                                    release.await(5, TimeUnit.SECONDS);
                                }
                                return exampleMenu(step);
                            })
                            .workers(pool)
                            .location(aor -> List.of())
                            .build());
            invite(ussd("*123#"));
            ack();
            long deadline = System.currentTimeMillis() + 5000;
            while (sender.sent.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            userInfo(128, "1"); // step 2 runs (held)
            assertEquals(200, status(userInfo(129, "2"))); // TS 24.390 5.1.2.1: none of ours is outstanding
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
}
