package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The gateway's entry: which requests are USSD, and the options it is built from. */
class UssdGatewayTest extends GatewayTestSupport {

    @Test
    void recognisesUssdInvites() {
        Exchange plain = request("INVITE", "c2", "t", null, 1, "sip:bob@127.0.0.1", Map.of(), "application/sdp", SDP);
        assertFalse(gateway.serves(plain));
        Exchange bare = request(
                "INVITE",
                "c3",
                "t",
                null,
                1,
                "sip:ussd@127.0.0.1",
                Map.of(),
                "application/vnd.3gpp.ussd+xml",
                ussd("*100#"));
        assertTrue(gateway.serves(bare));
        Exchange inDialog = request("INVITE", "c4", "t", "x", 1, DIALSTRING, Map.of(), null, null);
        assertFalse(gateway.serves(inDialog));
        Exchange info = request("INFO", "unknown", "t", "x", 1, "sip:x@127.0.0.1", Map.of(), null, null);
        assertFalse(gateway.serves(info));
    }

    @Test
    void optionsNameWhatIsMissing() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> options().sender(null).build());
        assertEquals("sender", e.getMessage());
        assertThrows(
                NullPointerException.class, () -> options().advertisedHost(null).build());
    }

    @Test
    void theNetworkCannotStartAUeInitiatedSession() {
        assertThrows(
                IllegalArgumentException.class,
                () -> gateway.start("bob@127.0.0.1", "x", UssdSession.Origin.MOBILE, null, null));
        assertEquals(0, gateway.size());
    }
}
