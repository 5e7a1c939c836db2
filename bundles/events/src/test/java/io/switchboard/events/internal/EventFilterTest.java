package io.switchboard.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.events.EventFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void equalityPrefixAndRegexAreAnded() {
        EventFilter f = EventFilter.parse("aor=bob@example.com,contact^=sip:bob@,pn-provider~=apns|fcm");
        assertEquals(3, f.conditions().size());
        assertTrue(f.matches(Map.of("aor", "bob@example.com", "contact", "sip:bob@10.0.0.1", "pn-provider", "fcm")));
        assertFalse(f.matches(Map.of("aor", "bob@example.com", "contact", "sip:bob@10.0.0.1", "pn-provider", "x")));
        assertFalse(f.matches(Map.of("aor", "bob@example.com", "contact", "sip:alice@1", "pn-provider", "fcm")));
        assertFalse(f.matches(Map.of("aor", "bob@example.org", "contact", "sip:bob@1", "pn-provider", "fcm")));
    }

    @Test
    void aMissingAttributeFailsItsCondition() {
        assertFalse(EventFilter.parse("pn-prid=abc").matches(Map.of("aor", "bob@x")));
        assertTrue(EventFilter.parse("").matches(Map.of()));
        assertTrue(EventFilter.parse(null).matches(Map.of("a", "b")));
    }

    @Test
    void theRegexMatchesTheWholeValue() {
        EventFilter f = EventFilter.parse("state~=ring");
        assertFalse(f.matches(Map.of("state", "ringing")));
        assertTrue(EventFilter.parse("state~=ring.*").matches(Map.of("state", "ringing")));
    }

    @Test
    void anEscapedCommaIsPartOfTheValue() {
        EventFilter f = EventFilter.parse("reason=busy\\, try later,state=ended");
        assertEquals(2, f.conditions().size());
        assertTrue(f.matches(Map.of("reason", "busy, try later", "state", "ended")));
    }

    @Test
    void theIndexKeyIsTheFirstEquality() {
        EventFilter f = EventFilter.parse("contact^=sip:,aor=bob@x,state=ended");
        assertEquals("aor", f.indexKey().name());
        assertEquals("bob@x", f.indexKey().value());
        assertNull(EventFilter.parse("contact^=sip:").indexKey());
    }

    @Test
    void badConditionsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("aor"));
        assertTrue(e.getMessage().contains("no operator"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("=bob"));
        assertTrue(e.getMessage().contains("no operator"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("a b=c"));
        assertTrue(e.getMessage().contains("bad attribute name"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("aor~=(bob"));
        assertTrue(e.getMessage().contains("bad regular expression"), e.getMessage());
    }
}
