package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The originate command (esl.md §5): our origination_uuid first, commas escaped, no way to shift arguments. */
class OriginateTest {

    @Test
    void theCommand() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("origination_uuid", "1b2c-3d");
        vars.put("origination_caller_id_name", "Sales,East");
        Originate o = Originate.of("sofia/gateway/gw1/123", "&bridge(user/1000)", vars);
        assertEquals("1b2c-3d", o.uuid());
        assertEquals(
                "originate {origination_uuid=1b2c-3d,origination_caller_id_name=Sales\\,East}sofia/gateway/gw1/123 "
                        + "&bridge(user/1000)",
                o.command());
        Originate generated = Originate.of("user/1", "1000", null);
        assertEquals(36, generated.uuid().length());
        assertEquals("originate {origination_uuid=" + generated.uuid() + "}user/1 1000", generated.command());
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> Originate.of("user/1 &park()", "x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Originate.of("user/1", "&park()\nexit", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Originate.of("{a=b}user/1", "&park()", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Originate.of("user/1", "&park()", Map.of("a b", "c")));
        assertThrows(IllegalArgumentException.class, () -> Originate.of("user/1", "&park()", Map.of("a", "x}y")));
        assertThrows(IllegalArgumentException.class, () -> Originate.of("user/1", "", Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Originate.of("user/1", "&park()", Map.of("origination_uuid", "../x")));
    }
}
