package io.switchboard.ussd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The predicate of routes/sip.xml's USSD branch, as written there, with and without the ussd component. */
class SipRoutePredicateTest {

    /** The {@code <simple>} of the ussd branch, read from routes/sip.xml so that the test follows the file. */
    static String predicate() throws Exception {
        String xml = Files.readString(Path.of("../../routes/sip.xml"), StandardCharsets.UTF_8);
        int at = xml.indexOf("${camelContext.hasComponent('ussd')}");
        int start = xml.lastIndexOf("<simple>", at) + "<simple>".length();
        return xml.substring(start, xml.indexOf("</simple>", at)).replace("&amp;", "&");
    }

    private static String route(CamelContext ctx, String callId) {
        Exchange ex = new DefaultExchange(ctx);
        ex.getIn().setHeader("SipCallId", callId);
        return ctx.createProducerTemplate().send("direct:in", ex).getIn().getHeader("branch", String.class);
    }

    @Test
    void theBranchTakesOnlyUssdRequestsAndLoadsWithoutTheBundle() throws Exception {
        String p = predicate();
        for (boolean withUssd : new boolean[] {true, false}) {
            try (CamelContext ctx = new DefaultCamelContext()) {
                if (withUssd) {
                    ctx.addComponent("ussd", new UssdComponent() {
                        @Override
                        public boolean serves(Exchange exchange) {
                            return "ussd-call".equals(exchange.getIn().getHeader("SipCallId"));
                        }
                    });
                }
                ctx.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in")
                                .choice()
                                .when(simple(p))
                                .setHeader("branch", constant("ussd"))
                                .otherwise()
                                .setHeader("branch", constant("other"));
                    }
                });
                ctx.start();
                assertEquals(withUssd ? "ussd" : "other", route(ctx, "ussd-call"));
                assertEquals("other", route(ctx, "another-call"));
            }
        }
    }
}
