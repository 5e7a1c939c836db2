package io.switchboard.ussd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.sip.SipHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The predicate of routes/sip.xml's USSD branch, as written there: it takes exactly the requests the gateway's
 * {@link UssdRequestOwner} named {@code ussd}, loads without the ussd component, and calls no bean (a bean call in
 * a predicate copies the exchange on every request of every call).
 */
class SipRoutePredicateTest {

    /** The {@code <simple>} of the branch that sends to ussd:session, read from routes/sip.xml. */
    static String predicate() throws Exception {
        String xml = Files.readString(Path.of("../../routes/sip.xml"), StandardCharsets.UTF_8);
        int at = xml.indexOf("<toD uri=\"ussd:session\"/>");
        int start = xml.lastIndexOf("<simple>", at) + "<simple>".length();
        return xml.substring(start, xml.indexOf("</simple>", start)).replace("&amp;", "&");
    }

    private static String route(CamelContext ctx, String owner) {
        Exchange ex = new DefaultExchange(ctx);
        ex.getIn().setHeader(SipHeaders.METHOD, "INVITE");
        if (owner != null) {
            ex.getIn().setHeader(SipHeaders.OWNER, owner);
        }
        return ctx.createProducerTemplate().send("direct:in", ex).getIn().getHeader("branch", String.class);
    }

    @Test
    void theBranchTakesOnlyRequestsTheGatewayOwnsAndLoadsWithoutTheBundle() throws Exception {
        String p = predicate();
        assertFalse(p.contains("camelContext") || p.contains("exchange"), p);
        assertEquals("${header.SipOwner} == '" + UssdRequestOwner.NAME + "'", p);
        for (boolean withUssd : new boolean[] {true, false}) {
            try (CamelContext ctx = new DefaultCamelContext()) {
                if (withUssd) {
                    ctx.addComponent("ussd", new UssdComponent());
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
                assertEquals("ussd", route(ctx, "ussd"));
                assertEquals("other", route(ctx, null));
                assertEquals("other", route(ctx, "another-feature"));
            }
        }
    }
}
