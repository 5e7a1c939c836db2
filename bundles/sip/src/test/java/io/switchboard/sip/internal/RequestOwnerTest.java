package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipRequestOwner;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link SipRequestOwner}: the consumer names the owner of a request in {@code SipOwner} before the route runs, so
 * that a route branches on a header; requests nobody owns, and every request once the owner is gone, carry none.
 */
class RequestOwnerTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private static String options(int port, int from, String callId) {
        return RawSip.request(
                "OPTIONS", "sip:sb@127.0.0.1:" + port, "UDP", from, callId, 1, RawSip.branch(), null, null);
    }

    @Test
    void theOwnerIsNamedBeforeTheRouteAndOnlyForItsRequests() throws Exception {
        int port = RawSip.freePort();
        SipRequestOwner owner = new SipRequestOwner() {
            @Override
            public String name() {
                return "ussd";
            }

            @Override
            public boolean owns(Message request) {
                return "owned".equals(request.getHeader(SipHeaders.CALL_ID));
            }
        };
        SipRequestOwner never = new SipRequestOwner() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public boolean owns(Message request) {
                return false;
            }
        };
        component.addOwner(never);
        component.addOwner(owner);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .choice()
                        .when(simple("${header.SipOwner} == 'ussd'"))
                        .setHeader(SipHeaders.STATUS, constant(202))
                        .otherwise()
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(options(port, peer.port(), "owned"), port);
            assertEquals(202, peer.receive(WAIT).status());
            peer.send(options(port, peer.port(), RawSip.newCallId()), port);
            assertEquals(200, peer.receive(WAIT).status(), "not owned: no SipOwner");

            component.removeOwner(owner);
            peer.send(options(port, peer.port(), "owned"), port);
            assertEquals(200, peer.receive(WAIT).status(), "the owner left");
        }
    }
}
