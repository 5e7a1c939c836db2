package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SipAddressesTest {

    @Test
    void aorDropsSchemePortParametersAndDisplayNameAndLowersTheDomainOnly() {
        assertEquals("Alice@example.com", SipAddresses.aor("sip:Alice@Example.COM:5062;transport=tcp"));
        assertEquals("bob@example.com", SipAddresses.aor("\"Bob\" <sips:bob@example.com?subject=x>;tag=1"));
        assertEquals("carol@[2001:db8::1]", SipAddresses.aor("<sip:carol@[2001:DB8::1]:5060>"));
        assertEquals("dave;x=y@host", SipAddresses.aor("sip:dave;x=y@host"));
    }

    @Test
    void aorIsNullWithoutSchemeOrUser() {
        assertNull(SipAddresses.aor(null));
        assertNull(SipAddresses.aor("example.com"));
        assertNull(SipAddresses.aor("sip:example.com"));
    }
}
