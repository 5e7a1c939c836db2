package io.switchboard.cgrates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code cgrates-enabled} variable follows the settings, and the billing guard of routes/calls.xml, read from
 * the file, sees it (a spelling Camel misread would evaluate to null and silently skip billing).
 */
class BillingVariableTest {

    private DefaultCamelContext context;
    private BillingVariable variable;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
        variable = new BillingVariable();
        variable.camelContext = context;
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    /** The {@code <simple>} of the billing filter of routes/calls.xml. */
    private static String billingGuard() throws Exception {
        String xml = Files.readString(Path.of("../../routes/calls.xml"), StandardCharsets.UTF_8);
        int at = xml.indexOf("<to uri=\"direct:billing-invite\"/>");
        int start = xml.lastIndexOf("<simple>", at) + "<simple>".length();
        return xml.substring(start, xml.indexOf("</simple>", start)).replace("&amp;", "&");
    }

    private boolean guardMatches() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        return context.resolveLanguage("simple").createPredicate(billingGuard()).matches(exchange);
    }

    @Test
    void theVariableFollowsTheSettingsAndTheRouteGuardSeesIt() throws Exception {
        assertEquals(false, guardMatches(), "no cgrates bundle: no billing");
        variable.apply(Map.of("enabled", "true"));
        assertEquals(Boolean.TRUE, context.getVariable("global:cgrates-enabled"));
        assertEquals(true, guardMatches());
        variable.apply(Map.of("enabled", "false"));
        assertEquals(null, context.getVariable("global:cgrates-enabled"));
        assertEquals(false, guardMatches());
        variable.apply(Map.of("enabled", "true"));
        variable.deactivate();
        assertEquals(false, guardMatches(), "the bundle stopped");
    }

    @Test
    void billingIsOffByDefault() throws Exception {
        variable.apply(Map.of());
        assertEquals(false, guardMatches());
    }
}
