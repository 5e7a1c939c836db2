package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageChecksTest {

    private static final Set<Long> CX = Set.of(16777216L);
    private final DiameterDictionary dict = DiameterDictionary.standard();
    private final MessageChecks checks = new MessageChecks(dict);

    static DiameterMessage uar(DiameterDictionary dict) {
        DiameterMessage m = DiameterMessage.request(300, 16777216, true);
        m.add(dict.create("Session-Id", "icscf;1;1"));
        m.add(dict.group(
                "Vendor-Specific-Application-Id",
                dict.create("Vendor-Id", 10415),
                dict.create("Auth-Application-Id", 16777216)));
        m.add(dict.create("Auth-Session-State", 1));
        m.add(dict.create("Origin-Host", "icscf.ims.test"));
        m.add(dict.create("Origin-Realm", "ims.test"));
        m.add(dict.create("Destination-Realm", "ims.test"));
        m.add(dict.create("User-Name", "alice@ims.test"));
        m.add(dict.create("Public-Identity", "sip:alice@ims.test"));
        m.add(dict.create("Visited-Network-Identifier", "ims.test"));
        return m;
    }

    @Test
    void aCompleteUarPasses() {
        assertTrue(checks.check(uar(dict), CX).isEmpty());
    }

    @Test
    void aMissingMandatoryAvpIs5005WithAZeroFilledExample() {
        DiameterMessage m = uar(dict);
        m.remove(601, 10415);
        Problem p = checks.check(m, CX).orElseThrow();
        assertEquals(DiameterResultCodes.MISSING_AVP, p.resultCode());
        assertEquals(601, p.failedAvp().code());
        assertEquals(10415, p.failedAvp().vendorId());
        assertArrayEquals(new byte[1], p.failedAvp().data(), "one zero octet: Wireshark flags an empty string");
    }

    @Test
    void anUnknownAvpWithMIs5001AndWithoutMIsIgnored() {
        DiameterMessage m = uar(dict);
        m.add(new Avp(494, 50, 0, "call-id".getBytes()));
        assertTrue(checks.check(m, CX).isEmpty(), "Kamailio's Call-ID AVP (vendor 50, no M)");
        Avp unknown = new Avp(9999, 0, Avp.FLAG_MANDATORY, new byte[4]);
        m.add(unknown);
        Problem p = checks.check(m, CX).orElseThrow();
        assertEquals(DiameterResultCodes.AVP_UNSUPPORTED, p.resultCode());
        assertEquals(unknown, p.failedAvp());
    }

    @Test
    void anUnknownMandatoryAvpInsideAGroupIs5001Too() {
        DiameterMessage m = uar(dict);
        m.add(dict.group("Server-Capabilities", new Avp(9998, 10415, Avp.FLAG_MANDATORY, new byte[0])));
        assertEquals(
                DiameterResultCodes.AVP_UNSUPPORTED,
                checks.check(m, CX).orElseThrow().resultCode());
    }

    @Test
    void anotherApplicationIs3007AndAnUnknownCommand3001() {
        DiameterMessage sh = DiameterMessage.request(306, 16777217, true);
        assertEquals(
                DiameterResultCodes.APPLICATION_UNSUPPORTED,
                checks.check(sh, CX).orElseThrow().resultCode());
        DiameterMessage odd = DiameterMessage.request(399, 16777216, true);
        assertEquals(
                DiameterResultCodes.COMMAND_UNSUPPORTED,
                checks.check(odd, CX).orElseThrow().resultCode());
    }

    @Test
    void badValuesLengthsAndBitsAreTheirOwnCodes() {
        DiameterMessage m = uar(dict);
        m.add(new Avp(614, 10415, Avp.FLAG_MANDATORY, new byte[2]));
        assertEquals(
                DiameterResultCodes.INVALID_AVP_LENGTH,
                checks.check(m, CX).orElseThrow().resultCode());
        m = uar(dict);
        m.add(new Avp(601, 10415, Avp.FLAG_MANDATORY, new byte[] {(byte) 0xFF}));
        assertEquals(
                DiameterResultCodes.INVALID_AVP_VALUE,
                checks.check(m, CX).orElseThrow().resultCode());
        m = uar(dict);
        m.add(Avp.unsigned32(267, 0, true, 1));
        assertEquals(
                DiameterResultCodes.INVALID_AVP_BITS,
                checks.check(m, CX).orElseThrow().resultCode());
        m = uar(dict);
        m.add(new Avp(647, 10415, Avp.FLAG_MANDATORY, new byte[0]));
        assertTrue(checks.check(m, CX).isEmpty(), "636-649 may come with or without M");
    }
}
