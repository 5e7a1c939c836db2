package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.AnsweringStack.SCSCF_HOST;
import static io.switchboard.cx.internal.CxMessages.avp;
import static io.switchboard.cx.internal.CxMessages.experimental;
import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxHeaders;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.internal.diameter.CxComponent;
import io.switchboard.cx.internal.diameter.CxRequestSender;
import io.switchboard.diameter.DiameterMessage;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code cx:} endpoints in a Camel route: answering a request in the body, sending RTR from headers. */
class CxComponentTest {

    private ImsFixture f;
    private HssEngine hss;
    private CamelContext camel;

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        hss = f.hss(false);
        AnsweringStack stack = new AnsweringStack(r -> AnsweringStack.answer(r, 2001));
        camel = new DefaultCamelContext();
        camel.addComponent("cx", new CxComponent(hss, stack, new CxRequestSender(hss, stack, f.store)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:uar").to("cx:uar");
                from("direct:deregister").to("cx:deregister");
            }
        });
        camel.start();
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    @Test
    void uarInTheBodyBecomesItsAnswerWithOurIdentity() {
        DiameterMessage uar = CxMessages.request(
                300,
                avp("User-Name", ALICE),
                avp("Public-Identity", ALICE_SIP),
                avp("Visited-Network-Identifier", "ims.example.org"));
        DiameterMessage a = camel.createProducerTemplate().requestBody("direct:uar", uar, DiameterMessage.class);
        assertEquals(2001, experimental(a));
        assertEquals("hss.ims.example.org", a.originHost().orElseThrow());
    }

    @Test
    void deregisterSendsRtrAndReturnsTheDeliveries() {
        hss.serverAssignment(new ServerAssignment(ALICE, List.of(ALICE_SIP), SCSCF1, 1, false, SCSCF_HOST));
        Exchange e = camel.createProducerTemplate()
                .send(
                        "direct:deregister",
                        x -> x.getMessage().setHeaders(Map.of(CxHeaders.IDENTITY, ALICE, CxHeaders.REASON_CODE, "2")));
        assertEquals(null, e.getException());
        List<?> body = e.getMessage().getBody(List.class);
        CxDelivery d = assertInstanceOf(CxDelivery.class, body.get(0));
        assertTrue(d.delivered(), d.toString());
        assertEquals(true, e.getMessage().getHeader(CxHeaders.DELIVERED));

        Exchange none = camel.createProducerTemplate().send("direct:deregister", x -> {});
        assertInstanceOf(IllegalArgumentException.class, none.getException(), "CxIdentity is required");
    }
}
