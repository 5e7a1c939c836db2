package io.switchboard.dialplan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.dialplan.DialplanHeaders;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.sip.SipHeaders;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dialplan:translate in a route: the Request-URI user or any header in and out, attrs, no match untouched. */
class DialplanProducerTest {

    CamelContext context;
    ProducerTemplate template;
    DialplanServiceComponent service;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dpp" + ThreadLocalRandom.current().nextLong() + ";DB_CLOSE_DELAY=-1");
        service = new DialplanServiceComponent();
        service.dataSource = ds;
        service.activate();
        service.add(new DialplanRule(0, 1, 0, DialplanRule.REGEX, "^0049", 0, "^0049(.*)$", "+49\\1", "de"));
        DialplanComponent component = new DialplanComponent();
        component.service = service;
        context = new DefaultCamelContext();
        context.addComponent("dialplan", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ruri").to("dialplan:translate?id=1");
                from("direct:header").to("dialplan:translate?id=1&input=X-Dialled&output=SipProxyHeader.X-Number");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange send(String uri, String header, String value) {
        return template.send(uri, e -> e.getMessage().setHeader(header, value));
    }

    @Test
    void theRequestUriUserIsTranslatedInPlace() {
        Exchange e = send("direct:ruri", SipHeaders.REQUEST_URI, "sip:004930123@example.com;user=phone");
        assertEquals("sip:+4930123@example.com;user=phone", e.getMessage().getHeader(SipHeaders.REQUEST_URI));
        assertEquals(true, e.getMessage().getHeader(DialplanHeaders.MATCHED));
        assertEquals("de", e.getMessage().getHeader(DialplanHeaders.ATTRS));
        assertEquals(
                "tel:+4930123;phone-context=x",
                send("direct:ruri", SipHeaders.REQUEST_URI, "tel:004930123;phone-context=x")
                        .getMessage()
                        .getHeader(SipHeaders.REQUEST_URI));
    }

    @Test
    void noMatchLeavesTheMessageUntouchedAndSaysSo() {
        Exchange e = send("direct:ruri", SipHeaders.REQUEST_URI, "sip:0030123@example.com");
        assertEquals("sip:0030123@example.com", e.getMessage().getHeader(SipHeaders.REQUEST_URI));
        assertEquals(false, e.getMessage().getHeader(DialplanHeaders.MATCHED));
        assertNull(e.getMessage().getHeader(DialplanHeaders.ATTRS));
        Exchange noUser = send("direct:ruri", SipHeaders.REQUEST_URI, "sip:example.com");
        assertEquals(false, noUser.getMessage().getHeader(DialplanHeaders.MATCHED));
    }

    @Test
    void anyHeaderInAndOut() {
        Exchange e = send("direct:header", "X-Dialled", "00491701234");
        assertEquals("+491701234", e.getMessage().getHeader("SipProxyHeader.X-Number"));
        assertEquals("00491701234", e.getMessage().getHeader("X-Dialled"));
    }

    @Test
    void aRuleAddedIsInForceForTheNextCall() throws Exception {
        service.add(new DialplanRule(0, 1, -1, DialplanRule.EQUAL, "0049112", 0, "", "112", "sos"));
        Exchange e = send("direct:ruri", SipHeaders.REQUEST_URI, "sip:0049112@example.com");
        assertEquals("sip:112@example.com", e.getMessage().getHeader(SipHeaders.REQUEST_URI));
        assertEquals("sos", e.getMessage().getHeader(DialplanHeaders.ATTRS));
    }

    @Test
    void aUriWithoutIdOrAnUnknownActionFailsWhenTheRouteStarts() {
        assertThrows(Exception.class, () -> context.getEndpoint("dialplan:translate"));
        assertThrows(Exception.class, () -> context.getEndpoint("dialplan:lookup?id=1"));
    }
}
