package io.switchboard.hep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.sip.SipCapture;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The capture service exists exactly while {@code enabled = true}, and a bad value keeps the previous one. */
class HepComponentTest {

    private final List<Object> registered = new ArrayList<>();

    @Test
    void theCaptureIsRegisteredOnlyWhileEnabled() {
        HepComponent hep = new HepComponent();
        hep.activate(context(), Map.of());
        assertEquals(List.of(), registered, "off by default");

        hep.modified(Map.of("enabled", "true", "port", "9061", "transport", "udp"));
        assertEquals(1, registered.size());
        assertNotNull(capture());

        hep.modified(Map.of("enabled", "true", "transport", "sctp")); // rejected: keeps udp, still on
        assertEquals(1, registered.size());

        hep.modified(Map.of("enabled", "false"));
        assertNull(capture());
        hep.deactivate();
    }

    private SipCapture capture() {
        return registered.isEmpty() ? null : (SipCapture) registered.get(0);
    }

    /** A bundle context that only registers services (into {@link #registered}). */
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, args) -> {
                    if (!m.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    Object service = args[1];
                    registered.add(service);
                    return Proxy.newProxyInstance(
                            ServiceRegistration.class.getClassLoader(),
                            new Class<?>[] {ServiceRegistration.class},
                            (p2, m2, a2) -> {
                                if (m2.getName().equals("unregister")) {
                                    registered.remove(service);
                                }
                                return null;
                            });
                });
    }
}
