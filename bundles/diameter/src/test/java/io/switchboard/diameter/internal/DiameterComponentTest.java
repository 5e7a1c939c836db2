package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterConstants;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code diameter:} component in a CamelContext: an HSS-side route consumes Cx requests and answers through
 * headers or with a built answer; an I-CSCF-side context sends requests through the producer.
 */
class DiameterComponentTest {

    private final DiameterDictionary dict = DiameterDictionary.standard();
    private DiameterNode hss;
    private DiameterNode icscf;
    private CamelContext hssCamel;
    private CamelContext icscfCamel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        int port = Nodes.freePort();
        HandlerRegistry hssHandlers = new HandlerRegistry();
        hss = Nodes.start(Nodes.config("hss.ims.test", port, "icscf.ims.test", Map.of()), hssHandlers);
        hssCamel = new DefaultCamelContext();
        hssCamel.addComponent("diameter", new DiameterComponent(() -> hss, hssHandlers));
        hssCamel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("diameter:cx")
                        .choice()
                        .when(header(DiameterConstants.COMMAND).isEqualTo("UAR"))
                        .process(this::uaa)
                        .when(header(DiameterConstants.COMMAND).isEqualTo("LIR"))
                        .setHeader(DiameterConstants.RESULT_CODE, constant(DiameterResultCodes.AUTHORIZATION_REJECTED))
                        .setHeader(DiameterConstants.ERROR_MESSAGE, constant("barred"))
                        .when(header(DiameterConstants.COMMAND).isEqualTo("MAR"))
                        .throwException(new IllegalStateException("database down"))
                        .otherwise()
                        .process(this::built)
                        .end();
            }

            private void uaa(Exchange e) {
                e.getMessage()
                        .setHeader(
                                DiameterConstants.EXPERIMENTAL_RESULT_CODE, DiameterResultCodes.EXP_FIRST_REGISTRATION);
                e.getMessage().setBody(List.of(dict.create("Server-Name", "sip:scscf.ims.test:6060")));
            }

            private void built(Exchange e) {
                DiameterMessage request = e.getMessage().getBody(DiameterMessage.class);
                DiameterMessage a = request.createAnswer();
                a.add(dict.create("Result-Code", DiameterResultCodes.SUCCESS));
                a.add(dict.create("User-Name", e.getMessage().getHeader(DiameterConstants.PEER, String.class)));
                e.getMessage().setBody(a);
            }
        });
        hssCamel.start();

        icscf = Nodes.start(
                Nodes.config("icscf.ims.test", 0, "hss.ims.test=127.0.0.1:" + port, Map.of()), new HandlerRegistry());
        icscfCamel = new DefaultCamelContext();
        icscfCamel.addComponent("diameter", new DiameterComponent(() -> icscf, new HandlerRegistry()));
        icscfCamel.start();
        template = icscfCamel.createProducerTemplate();
        PeerStateMachineTest.awaitTrue(() -> icscf.table().isOpen("hss.ims.test"));
    }

    @AfterEach
    void stop() {
        icscfCamel.stop();
        hssCamel.stop();
        icscf.stop();
        hss.stop();
    }

    private List<Avp> uarAvps() {
        return List.of(
                dict.create("User-Name", "alice@ims.test"),
                dict.create("Public-Identity", "sip:alice@ims.test"),
                dict.create("Visited-Network-Identifier", "ims.test"));
    }

    @Test
    void aRouteAnswersWithAnExperimentalResultAndAvpsFromTheBody() {
        Exchange e = template.request(
                "diameter:cx?command=UAR&peer=hss.ims.test", x -> x.getMessage().setBody(uarAvps()));
        DiameterMessage uaa = e.getMessage().getBody(DiameterMessage.class);
        assertEquals("UAA", e.getMessage().getHeader(DiameterConstants.COMMAND));
        assertEquals(2001L, e.getMessage().getHeader(DiameterConstants.EXPERIMENTAL_RESULT_CODE));
        assertEquals("hss.ims.test", e.getMessage().getHeader(DiameterConstants.ORIGIN_HOST));
        Avp exp = uaa.find(AvpCodes.EXPERIMENTAL_RESULT).orElseThrow();
        assertEquals(10415, exp.child(AvpCodes.VENDOR_ID, 0).orElseThrow().asUnsigned32());
        assertEquals(
                "sip:scscf.ims.test:6060", uaa.find(602, 10415).orElseThrow().asUtf8());
        assertEquals(1, uaa.find(AvpCodes.AUTH_SESSION_STATE).orElseThrow().asInteger32());
        assertTrue(uaa.find(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID).isPresent());
        assertTrue(uaa.sessionId().orElseThrow().startsWith("icscf.ims.test;"));
    }

    @Test
    void aRouteAnswersWithAResultCodeHeaderAndAnErrorMessage() {
        DiameterMessage lir = icscf.newRequest("LIR", "ims.test");
        lir.add(dict.create("Public-Identity", "sip:bob@ims.test"));
        Exchange e = template.request("diameter:cx", x -> x.getMessage().setBody(lir));
        assertEquals(5003L, e.getMessage().getHeader(DiameterConstants.RESULT_CODE));
        DiameterMessage lia = e.getMessage().getBody(DiameterMessage.class);
        assertEquals("barred", lia.find(AvpCodes.ERROR_MESSAGE).orElseThrow().asUtf8());
        assertEquals(lir.hopByHop(), lia.hopByHop());
    }

    @Test
    void aRouteMaySetTheWholeAnswerAndSeesThePeer() {
        DiameterMessage sar = icscf.newRequest("SAR", "ims.test");
        sar.add(dict.create("Server-Name", "sip:scscf.ims.test"));
        sar.add(dict.create("Server-Assignment-Type", 1));
        sar.add(dict.create("User-Data-Already-Available", 0));
        Exchange e =
                template.request("diameter:cx?timeout=3000", x -> x.getMessage().setBody(sar));
        DiameterMessage saa = e.getMessage().getBody(DiameterMessage.class);
        assertEquals(2001L, saa.resultCode().orElseThrow());
        assertEquals("icscf.ims.test", saa.find(1).orElseThrow().asUtf8());
        assertEquals("hss.ims.test", saa.originHost().orElseThrow(), "the stack completes Origin-Host");
    }

    @Test
    void aFailingRouteIsAnswered5012() {
        DiameterMessage mar = icscf.newRequest("MAR", "ims.test");
        mar.add(dict.create("User-Name", "alice@ims.test"));
        mar.add(dict.create("Public-Identity", "sip:alice@ims.test"));
        mar.add(dict.group("SIP-Auth-Data-Item", dict.create("SIP-Authentication-Scheme", "SIP Digest")));
        mar.add(dict.create("SIP-Number-Auth-Items", 1));
        mar.add(dict.create("Server-Name", "sip:scscf.ims.test"));
        Exchange e = template.request("diameter:cx", x -> x.getMessage().setBody(mar));
        assertEquals(DiameterResultCodes.UNABLE_TO_COMPLY, e.getMessage().getHeader(DiameterConstants.RESULT_CODE));
    }

    @Test
    void aRequestWithoutAnOpenPeerFailsTheExchange() {
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class,
                () -> template.requestBody("diameter:cx?command=UAR&peer=nobody.ims.test", uarAvps()));
        assertInstanceOf(DiameterException.class, e.getCause());
        assertThrows(Exception.class, () -> icscfCamel.getEndpoint("diameter:nonsense"));
    }
}
