package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** One USSD_END event per session, with how it ended; none without the bus. */
class SessionEventsTest extends GatewayTestSupport {

    @Test
    void aCompletedMenuSession() {
        invite(ussd("*123#"));
        ack();
        userInfo(128, "1");
        userInfo(129, "2");
        assertEquals(1, ended.size());
        Map<String, ?> a = ended.get(0);
        assertEquals(CALL, a.get("session_id"));
        assertEquals("user1@home1.net", a.get("user"));
        assertEquals("mobile", a.get("direction"));
        assertEquals("*123#", a.get("ussd_string"));
        assertEquals("completed", a.get("outcome"));
        assertEquals(3, a.get("steps"));
        long duration = (Long) a.get("duration_ms");
        assertTrue(duration >= 0 && duration < 60_000, "duration " + duration);
    }

    @Test
    void theUserHangsUpOnce() {
        invite(ussd("*123#"));
        ack();
        Exchange bye = request("BYE", CALL, UE_TAG, "as-tag", 128, "sip:ussd@127.0.0.1", Map.of(), null, null);
        gateway.handle(bye);
        gateway.handle(request("BYE", CALL, UE_TAG, "as-tag", 128, "sip:ussd@127.0.0.1", Map.of(), null, null));
        assertEquals(1, ended.size(), "a retransmitted BYE (481) is no second end");
        assertEquals("bye", ended.get(0).get("outcome"));
        assertEquals(1, ended.get(0).get("steps"));
    }

    @Test
    void badDataAndTimeoutAreTheirOwnOutcomes() throws Exception {
        invite("<ussd-data><ussd-string>*123#</ussd-string>");
        ack();
        gateway = gateway(UssdConfig.from(Map.of("session_timeout", "0.2")));
        invite(ussd("*124#"));
        ack();
        long deadline = System.currentTimeMillis() + 5000;
        while (ended.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(
                List.of("error", "timeout"),
                ended.stream().map(a -> a.get("outcome")).toList());
    }

    @Test
    void withoutTheBusNothingIsPublished() {
        gateway = new UssdGateway(
                UssdConfig.DEFAULTS, options().events(SessionEvents.NONE).build());
        invite(ussd("*123#"));
        ack();
        userInfo(128, "1");
        userInfo(129, "2");
        assertEquals(0, gateway.size());
        assertEquals(List.of(), ended);
    }
}
