package io.switchboard.rabbitmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.events.Event;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void typeSequenceTimestampAndAttributesInNameOrder() {
        Event e = new Event("DIALOG", Map.of("state", "created", "call_id", "c1", "from", "sip:a@h"), 1700, 42);
        assertEquals(
                "{\"type\":\"DIALOG\",\"sequence\":42,\"timestamp\":1700,"
                        + "\"attributes\":{\"call_id\":\"c1\",\"from\":\"sip:a@h\",\"state\":\"created\"}}",
                EventJson.text(e));
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        Event e = new Event("X", Map.of("ua", "Bob \"Phone\" C:\\x\n\t\u0001 ü"), 0, 1);
        assertEquals(
                "{\"type\":\"X\",\"sequence\":1,\"timestamp\":0,"
                        + "\"attributes\":{\"ua\":\"Bob \\\"Phone\\\" C:\\\\x\\n\\t\\u0001 ü\"}}",
                EventJson.text(e));
        assertEquals(EventJson.text(e), new String(EventJson.bytes(e), StandardCharsets.UTF_8));
    }
}
