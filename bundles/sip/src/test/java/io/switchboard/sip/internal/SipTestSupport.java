package io.switchboard.sip.internal;

import io.switchboard.sip.SipStatistics;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A CamelContext with the sip component, stopped after each test. */
abstract class SipTestSupport {

    DefaultCamelContext context;
    SipComponent component;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
        component = new SipComponent();
        context.addComponent("sip", component);
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    void start(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
    }

    SipStatistics stats(int port) {
        for (SipStatistics s : component.statistics()) {
            if (s.address().endsWith(":" + port)) {
                return s;
            }
        }
        throw new AssertionError("no connector on port " + port + ": " + component.statistics());
    }

    /** Waits up to {@code millis} for {@code condition}. */
    static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
