package io.switchboard.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sdp.SdpHeaders;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
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

/** sdp:parse and sdp:edit in routes: the headers, the body for proxy:relay, a malformed SDP left untouched. */
class SdpComponentTest {

    CamelContext context;
    ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addComponent("sdp", new SdpComponent());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:parse").to("sdp:parse");
                from("direct:strip-g729").to("sdp:edit?removeCodecs=G729,G722&address=203.0.113.7&port=40000");
                from("direct:only-opus").to("sdp:edit?keepCodecs=opus");
                from("direct:answer").to("sdp:parse?role=answer");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange send(String uri, String body, String contentType) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(SipHeaders.CONTENT_TYPE, contentType);
            e.getMessage().setHeader(SipHeaders.METHOD, "INVITE");
            e.getMessage().setHeader(SdpHeaders.HOLD_REASON, "stale, from an earlier parse");
        });
    }

    @Test
    void parseSetsTheHeadersOfEveryMediaAndTheHold() {
        Exchange e = send("direct:parse", SdpTest.YEALINK_HOLD, "application/sdp");
        assertTrue(e.getMessage().getHeader(SdpHeaders.PRESENT, Boolean.class));
        assertEquals(11780, e.getMessage().getHeader(SdpHeaders.AUDIO_PORT));
        assertEquals("192.168.1.23", e.getMessage().getHeader(SdpHeaders.AUDIO_ADDRESS));
        assertEquals(
                "PCMU/8000,PCMA/8000,G729/8000,G722/8000,telephone-event/8000",
                e.getMessage().getHeader(SdpHeaders.AUDIO_CODECS));
        assertEquals("sendonly", e.getMessage().getHeader(SdpHeaders.AUDIO_DIRECTION));
        assertEquals(true, e.getMessage().getHeader(SdpHeaders.HOLD));
        assertEquals("sendonly", e.getMessage().getHeader(SdpHeaders.HOLD_REASON));
        assertEquals("- 20022 20023 IN IP4 192.168.1.23", e.getMessage().getHeader(SdpHeaders.ORIGIN));
        List<?> media = e.getMessage().getHeader(SdpHeaders.MEDIA, List.class);
        assertEquals("RTP/AVP", ((Map<?, ?>) media.get(0)).get("transport"));
        assertEquals(
                "11780",
                context.resolveLanguage("simple")
                        .createExpression("${header.SipSdpMedia[0][port]}")
                        .evaluate(e, String.class),
                "routes index the media list");
        Exchange answer = send("direct:answer", SdpTest.YEALINK_HOLD, "application/sdp");
        assertEquals(false, answer.getMessage().getHeader(SdpHeaders.HOLD), "sendonly answered is no hold");
        assertNull(answer.getMessage().getHeader(SdpHeaders.HOLD_REASON), "no stale header");
    }

    @Test
    void noSdpOrAnotherBodyIsNoError() {
        Exchange none = send("direct:parse", null, null);
        assertEquals(false, none.getMessage().getHeader(SdpHeaders.PRESENT));
        assertNull(none.getMessage().getHeader(SdpHeaders.ERROR));
        Exchange xml = send("direct:parse", "<ussd-data/>", "application/vnd.3gpp.ussd+xml");
        assertEquals(false, xml.getMessage().getHeader(SdpHeaders.PRESENT));
        assertEquals(false, xml.getMessage().getHeader(SdpHeaders.HOLD));
    }

    @Test
    void editPutsTheNewSdpInTheBodyAndSipProxyBody() {
        Exchange e = send("direct:strip-g729", SdpTest.YEALINK, "application/sdp");
        String body = e.getMessage().getBody(String.class);
        assertEquals(body, e.getMessage().getHeader(SipProxyHeaders.BODY));
        assertEquals(true, e.getMessage().getHeader(SdpHeaders.EDITED));
        assertTrue(body.contains("m=audio 40000 RTP/AVP 0 8 101\r\n"), body);
        assertTrue(body.contains("c=IN IP4 203.0.113.7\r\n"), body);
        assertEquals("PCMU/8000,PCMA/8000,telephone-event/8000", e.getMessage().getHeader(SdpHeaders.AUDIO_CODECS));
    }

    @Test
    void malformedOrImpossibleEditsLeaveTheMessageUntouchedAndSayWhy() {
        String broken = SdpTest.YEALINK.replace("11780", "eleven");
        Exchange e = send("direct:strip-g729", broken, "application/sdp");
        assertEquals(broken, e.getMessage().getBody(String.class));
        assertNull(e.getMessage().getHeader(SipProxyHeaders.BODY));
        assertEquals("malformed SDP: media 0: bad port 'eleven'", e.getMessage().getHeader(SdpHeaders.ERROR));
        assertNull(e.getException());
        Exchange opus = send("direct:only-opus", SdpTest.YEALINK, "application/sdp");
        assertEquals(SdpTest.YEALINK, opus.getMessage().getBody(String.class));
        assertNull(opus.getMessage().getHeader(SipProxyHeaders.BODY));
        assertEquals(false, opus.getMessage().getHeader(SdpHeaders.EDITED));
        assertEquals(
                "SDP not edited: no codec left in media 0 (audio)",
                opus.getMessage().getHeader(SdpHeaders.ERROR));
        assertEquals(11780, opus.getMessage().getHeader(SdpHeaders.AUDIO_PORT), "still parsed");
    }

    @Test
    void aTypoInTheUriFailsWhenTheRouteStarts() {
        assertThrows(Exception.class, () -> context.getEndpoint("sdp:edt"));
        assertThrows(Exception.class, () -> context.getEndpoint("sdp:parse?role=maybe"));
        assertFalse(context.getEndpoint("sdp:edit?direction=inactive").isLenientProperties());
    }
}
