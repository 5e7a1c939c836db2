package io.switchboard.cx.internal.ifc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.ApplicationServerMatch;
import io.switchboard.cx.IfcHeaders;
import io.switchboard.cx.internal.ImsTestStore;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.test.FakeSipMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ifc:match} in a Camel route, as {@code routes/sip.xml} would use it: the example profile sends a USSD INVITE
 * to the USSD gateway and a DFKS SUBSCRIBE to the feature key service.
 */
class IfcComponentTest {

    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void setUp() throws Exception {
        ImsTestStore store = ImsTestStore.withExampleProfile();
        camel = new DefaultCamelContext();
        camel.addComponent("ifc", new IfcComponent(new IfcMatcher(store.store())));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sip")
                        .to("ifc:match")
                        .choice()
                        .when(simple("${header.IfcApplicationServer} starts with 'sip:ussd@'"))
                        .setBody(constant("to-ussd"))
                        .when(simple("${header.IfcApplicationServer} starts with 'sip:dfks@'"))
                        .setBody(constant("to-dfks"))
                        .otherwise()
                        .setBody(constant("relay"));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    private Exchange send(FakeSipMessage sip, Map<String, Object> more) {
        Map<String, Object> headers = new HashMap<>(more);
        headers.put(SipHeaders.MESSAGE, sip);
        headers.put(SipHeaders.METHOD, sip.method());
        headers.put(SipHeaders.REQUEST_URI, "sip:*100%23@ims.example.org;user=dialstring");
        return template.send("direct:sip", e -> e.getMessage().setHeaders(headers));
    }

    @Test
    void ussdInviteGoesToTheUssdGateway() {
        Exchange e = send(
                FakeSipMessage.request("INVITE").add("Recv-Info", "g.3gpp.ussd"),
                Map.of(IfcHeaders.PROFILE, "default"));
        assertEquals("to-ussd", e.getMessage().getBody());
        List<?> matches = e.getMessage().getHeader(IfcHeaders.MATCHES, List.class);
        ApplicationServerMatch m = assertInstanceOf(ApplicationServerMatch.class, matches.get(0));
        assertEquals(1, m.defaultHandling(), "SESSION_TERMINATED: no USSD without the gateway");
        assertEquals(
                List.of("sip:ussd@127.0.0.1:5060"),
                e.getMessage().getHeader(IfcHeaders.APPLICATION_SERVERS, List.class));
    }

    @Test
    void dfksSubscribeOfARegisteredUserGoesToDfks() {
        Exchange e = send(
                FakeSipMessage.request("SUBSCRIBE").add("Event", "as-feature-event"),
                Map.of(IfcHeaders.SERVED_USER, ImsTestStore.REGISTERED_USER));
        assertEquals("to-dfks", e.getMessage().getBody());
    }

    @Test
    void otherRequestsAndTerminatingCasesMatchNothing() {
        Exchange plain = send(FakeSipMessage.request("INVITE"), Map.of(IfcHeaders.PROFILE, "default"));
        assertEquals("relay", plain.getMessage().getBody());
        assertEquals(List.of(), plain.getMessage().getHeader(IfcHeaders.APPLICATION_SERVERS, List.class));
        assertFalse(plain.getMessage().getHeaders().containsKey(IfcHeaders.FIRST_APPLICATION_SERVER));
        Exchange terminating = send(
                FakeSipMessage.request("INVITE").add("Recv-Info", "g.3gpp.ussd"),
                Map.of(IfcHeaders.PROFILE, "default", IfcHeaders.SESSION_CASE, "TERMINATING_REGISTERED"));
        assertEquals("relay", terminating.getMessage().getBody());
        Exchange unregistered = send(
                FakeSipMessage.request("SUBSCRIBE").add("Event", "as-feature-event"),
                Map.of(IfcHeaders.SERVED_USER, ImsTestStore.UNREGISTERED_USER, IfcHeaders.SESSION_CASE, 0));
        assertEquals("relay", unregistered.getMessage().getBody(), "the iFCs are for the registered part only");
    }

    @Test
    void badInputFailsTheExchangeWithTheReason() {
        Exchange none = send(FakeSipMessage.request("INVITE"), Map.of());
        assertTrue(none.getException().getMessage().contains(IfcHeaders.SERVED_USER));
        Exchange unknown = send(FakeSipMessage.request("INVITE"), Map.of(IfcHeaders.SERVED_USER, "sip:x@y"));
        assertTrue(unknown.getException().getMessage().contains("no public identity sip:x@y"));
        Exchange badCase = send(
                FakeSipMessage.request("INVITE"), Map.of(IfcHeaders.PROFILE, "default", IfcHeaders.SESSION_CASE, "7"));
        assertInstanceOf(IllegalArgumentException.class, badCase.getException());
    }
}
