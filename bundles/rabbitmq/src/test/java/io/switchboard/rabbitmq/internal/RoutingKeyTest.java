package io.switchboard.rabbitmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.events.Event;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingKeyTest {

    private static Event event(String type, Map<String, String> attributes) {
        return new Event(type, attributes, 0, 1);
    }

    @Test
    void keyIsTheAorOfAContactAndTheCallIdOfADialog() {
        RoutingKey k = RoutingKey.parse("{type}.{key}");
        assertEquals(
                "REGISTER.alice@example.com",
                k.of(event("REGISTER", Map.of("aor", "alice@example.com", "call_id", "reg-1"))));
        assertEquals(
                "CONTACT_EXPIRED.alice@example.com",
                k.of(event("CONTACT_EXPIRED", Map.of("aor", "alice@example.com"))));
        assertEquals("DIALOG.c1@h", k.of(event("DIALOG", Map.of("call_id", "c1@h", "from", "sip:a@h"))));
        assertEquals("CUSTOM.c2", k.of(event("CUSTOM", Map.of("call_id", "c2", "aor", "x"))));
        assertEquals("CUSTOM.x", k.of(event("CUSTOM", Map.of("aor", "x"))));
        assertEquals("CUSTOM.", k.of(event("CUSTOM", Map.of())));
    }

    @Test
    void attributesByNameAndLiteralText() {
        RoutingKey k = RoutingKey.parse("sb.{type}.{state}.{missing}x");
        assertEquals("sb.DIALOG.answered.x", k.of(event("DIALOG", Map.of("state", "answered"))));
        assertEquals("fixed", RoutingKey.parse("fixed").of(event("DIALOG", Map.of())));
    }

    @Test
    void anUnclosedBraceIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RoutingKey.parse("{type}.{key"));
        assertEquals("routing_key '{type}.{key': '{' at 7 is not closed", e.getMessage());
    }

    @Test
    void aKeyLongerThan255BytesIsCutOutsideAUtf8Sequence() {
        String aor = "é".repeat(200); // 400 bytes
        String key = RoutingKey.parse("{aor}").of(event("REGISTER", Map.of("aor", aor)));
        assertEquals(254, key.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("é".repeat(127), key);
    }
}
