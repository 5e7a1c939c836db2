package io.switchboard.registrar.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.registrar.ContactBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationsJsonTest {

    @Test
    void contactFields() {
        long now = 1_790_000_000_000L;
        ContactBinding c = new ContactBinding(
                "alice@example.com",
                "sip:alice@10.0.0.5:5070",
                now + 59_500,
                now - 500,
                "reg-1@host",
                7,
                "SIPp",
                "udp:10.0.0.5:5070");
        Map<String, Object> m = RegistrationsJson.aor("alice@example.com", List.of(c), now);
        assertEquals("alice@example.com", m.get("aor"));
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = ((List<Map<String, Object>>) m.get("contacts")).get(0);
        assertEquals("sip:alice@10.0.0.5:5070", contact.get("uri"));
        assertEquals(60L, contact.get("expires"));
        assertEquals("udp", contact.get("transport"));
        assertEquals("10.0.0.5", contact.get("receivedAddress"));
        assertEquals(5070, contact.get("receivedPort"));
        assertEquals("SIPp", contact.get("userAgent"));
        assertEquals("reg-1@host", contact.get("callId"));
        assertEquals(7L, contact.get("cseq"));
    }

    @Test
    void ipv6SourceAndAorNormalization() {
        ContactBinding c = new ContactBinding("a@b", "sip:a@[::1]:5070", 0, 0, "x", 1, null, "tcp:[::1]:5070");
        Map<String, Object> m = RegistrationsJson.contact(c, 1000);
        assertEquals("[::1]", m.get("receivedAddress"));
        assertEquals(5070, m.get("receivedPort"));
        assertEquals(0L, m.get("expires"));
        assertEquals("alice@example.com", RegistrationsJson.normalize("sip:alice@Example.COM"));
        assertNull(RegistrationsJson.normalize("alice"));
        assertNull(RegistrationsJson.normalize("alice@"));
    }
}
