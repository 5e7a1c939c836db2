package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one address list of pike's exempt_sources and the subscription layer's trusted_sources. */
class SourceSubnetsTest {

    @Test
    void addressesAndSubnetsOfBothFamilies() {
        SourceSubnets s = SourceSubnets.parse(" 127.0.0.1, 10.1.0.0/16 ,2001:db8::/32, 192.0.2.128/25");
        assertTrue(s.contains("127.0.0.1"));
        assertFalse(s.contains("127.0.0.2"));
        assertTrue(s.contains("10.1.255.7"));
        assertFalse(s.contains("10.2.0.1"));
        assertTrue(s.contains("[2001:db8::5]"));
        assertFalse(s.contains("2001:db9::5"));
        assertTrue(s.contains("192.0.2.200"));
        assertFalse(s.contains("192.0.2.127"), "/25: the upper half only");
        assertFalse(s.contains("example.org"), "a name is never looked up");
        assertEquals("127.0.0.1, 10.1.0.0/16 ,2001:db8::/32, 192.0.2.128/25", s.toString());
    }

    @Test
    void emptyMeansNoneAndBadEntriesAreRefused() {
        assertTrue(SourceSubnets.parse("").isEmpty());
        assertFalse(SourceSubnets.parse(null).contains("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> SourceSubnets.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> SourceSubnets.parse("pbx.example.org"));
        assertTrue("10.0.0.0/8, ::1".matches(SourceSubnets.PATTERN));
        assertFalse("10.0.0.0/8; ::1".matches(SourceSubnets.PATTERN));
    }
}
