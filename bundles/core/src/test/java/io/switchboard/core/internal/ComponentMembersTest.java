package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.core.FeatureVariables;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code component-<name>} variables routes test instead of {@code camelContext.hasComponent}: set when a
 * component joins, gone when it leaves, and visible to the simple language under the spelling the routes use (a
 * spelling Camel misread would evaluate to null, and every feature branch would silently be skipped).
 */
class ComponentMembersTest {

    private static final String GUARD = "${variable.global:component-sca} != null";

    private DefaultCamelContext context;
    private final ComponentMembers members = new ComponentMembers();

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        // stands for a component service in the OSGi registry (OsgiBeanRepository in the platform)
        context.getRegistry().bind("sca", new DirectComponent());
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aJoiningComponentSetsItsVariableAndALeavingOneRemovesIt() {
        assertEquals("component-sca", FeatureVariables.component("sca"));
        assertNull(context.getVariable("global:component-sca"));

        members.add("sca");
        members.join("sca", context);
        assertNotNull(context.hasComponent("sca"), "joined the context");
        assertSame(Boolean.TRUE, context.getVariable("global:component-sca"));

        members.remove("sca", context);
        assertNull(context.getVariable("global:component-sca"));
        assertTrue(members.names().isEmpty());
    }

    @Test
    void aComponentThatLeftBeforeItsJoinRanGetsNoVariable() {
        members.add("sca");
        members.remove("sca", context);
        members.join("sca", context); // the joiner thread runs late
        assertNull(context.getVariable("global:component-sca"));
        assertNull(context.hasComponent("sca"));
    }

    @Test
    void aNewServiceRegisteredBeforeTheOldOneLeftKeepsTheVariable() {
        members.add("sca");
        members.join("sca", context);
        members.add("sca"); // the bundle's new service
        assertTrue(members.remove("sca", context), "another service of that name remains");
        assertSame(Boolean.TRUE, context.getVariable("global:component-sca"));
        assertFalse(members.remove("sca", context));
        assertNull(context.getVariable("global:component-sca"));
    }

    @Test
    void aRegisteredNameWithoutAComponentGetsNoVariable() {
        members.add("nothing");
        members.join("nothing", context);
        assertNull(context.getVariable("global:component-nothing"));
    }

    @Test
    void theRoutePredicateSeesTheVariable() {
        Predicate guard = context.resolveLanguage("simple").createPredicate(GUARD);
        Exchange exchange = new DefaultExchange(context);
        assertFalse(guard.matches(exchange));
        members.add("sca");
        members.join("sca", context);
        assertTrue(guard.matches(exchange));
        // combined with header tests, as in routes/calls.xml
        exchange.getIn().setHeader("SipStatus", null);
        assertTrue(context.resolveLanguage("simple")
                .createPredicate("${header.SipStatus} == null && " + GUARD)
                .matches(exchange));
        members.remove("sca", context);
        assertFalse(guard.matches(exchange));
    }

    @Test
    void aRouteTakesTheFeatureBranchOnlyWhileTheComponentIsThere() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in")
                        .choice()
                        .when(simple(GUARD))
                        .setBody(constant("feature"))
                        .otherwise()
                        .setBody(constant("skipped"));
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        assertEquals("skipped", template.requestBody("direct:in", "x", String.class));
        members.add("sca");
        members.join("sca", context);
        assertEquals("feature", template.requestBody("direct:in", "x", String.class));
        members.remove("sca", context);
        assertEquals("skipped", template.requestBody("direct:in", "x", String.class));
    }

    @Test
    void aNameWithADotWouldNotBeAPlainVariable() {
        // why FeatureVariables uses '-': simple reads 'a.b' as variable a plus an OGNL call, which needs the bean
        // language (not even on the platform's class path here) instead of a map lookup
        context.setVariable("component.sca", Boolean.TRUE);
        Exchange exchange = new DefaultExchange(context);
        boolean failed;
        try {
            failed = !context.resolveLanguage("simple")
                    .createPredicate("${variable.global:component.sca} != null")
                    .matches(exchange);
        } catch (RuntimeException e) {
            failed = true;
        }
        assertTrue(failed);
    }
}
