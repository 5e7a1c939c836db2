package io.switchboard.registrar.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.internal.LocationTable;
import io.switchboard.registrar.internal.RegistrarService;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrarMeterBindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LocationTable table = new LocationTable(null, () -> 1_000L);

    @Test
    void countsAorsContactsRegistersChallengesAndRefusals() {
        RegistrarMeterBinding b = new RegistrarMeterBinding();
        b.registry = registry;
        b.registrar = new RegistrarService() {
            @Override
            public LocationTable table() {
                return table;
            }
        };
        b.activate();
        table.put("alice@example.com", List.of(contact("alice", 1), contact("alice", 2)));
        table.put("bob@example.com", List.of(contact("bob", 1)));

        b.outcome("save", 401);
        b.outcome("save", 200);
        b.outcome("save", 200);
        b.outcome("save", 403);
        b.outcome("save", 999);
        b.outcome("authenticate", 407);
        b.outcome("authenticate", 0);

        assertEquals(2, registry.get(RegistrarMeterBinding.AORS).gauge().value());
        assertEquals(3, registry.get(RegistrarMeterBinding.CONTACTS).gauge().value());
        assertEquals(
                2,
                registry.get(RegistrarMeterBinding.REGISTERS)
                        .tag("status", "200")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(RegistrarMeterBinding.REGISTERS)
                        .tag("status", "other")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(RegistrarMeterBinding.CHALLENGES)
                        .tag("request", "register")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(RegistrarMeterBinding.CHALLENGES)
                        .tag("request", "other")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(RegistrarMeterBinding.FAILURES)
                        .tag("request", "register")
                        .counter()
                        .count());

        b.deactivate();
        assertNull(registry.find(RegistrarMeterBinding.AORS).gauge());
        assertNull(registry.find(RegistrarMeterBinding.REGISTERS).counter());
    }

    private static ContactBinding contact(String user, int n) {
        return new ContactBinding(
                user + "@example.com", "sip:" + user + "@192.0.2." + n, 3_600_000L, 1_000L, "c" + n, 1, "ua", "udp");
    }
}
