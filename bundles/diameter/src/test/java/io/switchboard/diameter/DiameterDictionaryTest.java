package io.switchboard.diameter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiameterDictionaryTest {

    private final DiameterDictionary dict = DiameterDictionary.standard();

    @Test
    void avpsAreFoundByNameAndByCodeAndVendor() {
        AvpDefinition sat = dict.avp("Server-Assignment-Type").orElseThrow();
        assertEquals(614, sat.code());
        assertEquals(10415, sat.vendorId());
        assertEquals(AvpType.ENUMERATED, sat.type());
        assertEquals(sat, dict.avp(614, 10415).orElseThrow());
        assertTrue(dict.avp(614, 0).isEmpty(), "the vendor is part of the key");
        assertEquals("Session-Id", dict.avp(263, 0).orElseThrow().name());
        assertEquals("Digest-HA1", dict.avp(121, 0).orElseThrow().name());
    }

    @Test
    void commandsAreFoundByNameAbbreviationAndCode() {
        CommandDefinition mar = dict.command("MAR").orElseThrow();
        assertEquals(mar, dict.command("Multimedia-Auth").orElseThrow());
        assertEquals(mar, dict.command("MAA").orElseThrow());
        assertEquals(mar, dict.command(303, 16777216).orElseThrow());
        assertEquals("MAA", mar.answerName());
        assertTrue(mar.proxiable());
        assertTrue(mar.requestRequired().contains("SIP-Auth-Data-Item"));
        assertFalse(
                dict.command("CER").orElseThrow().requestRequired().contains("Host-IP-Address"),
                "Kamailio's cdp may omit Host-IP-Address");
        assertEquals(16777216, dict.application("cx").orElseThrow().id());
        assertEquals(10415, dict.application(16777216).orElseThrow().vendorId());
    }

    @Test
    void theMBitRulesFollowTheSpecifications() {
        assertEquals(0xC0, dict.avp("Public-Identity").orElseThrow().flags());
        assertEquals(0x80, dict.avp("SIP-Digest-Authenticate").orElseThrow().flags(), "TS 29.229: M not set");
        assertEquals(0x80, dict.avp("Supported-Features").orElseThrow().flags());
        assertEquals(0x00, dict.avp("Error-Message").orElseThrow().flags());
        AvpDefinition fw = dict.avp("Firmware-Revision").orElseThrow();
        assertFalse(fw.acceptsFlags(Avp.FLAG_MANDATORY));
        assertTrue(fw.acceptsFlags(0));
        assertTrue(dict.avp("Multiple-Registration-Indication").orElseThrow().acceptsFlags(0xC0));
    }

    @Test
    void typesValidateTheirValues() {
        assertTrue(AvpType.UNSIGNED32.isValid(new byte[4]));
        assertFalse(AvpType.UNSIGNED32.hasValidLength(new byte[3]));
        assertFalse(AvpType.UNSIGNED64.isValid(new byte[4]));
        assertFalse(AvpType.UTF8_STRING.isValid(new byte[] {(byte) 0xC3, 0x28}), "invalid UTF-8");
        assertFalse(AvpType.DIAMETER_IDENTITY.isValid(new byte[0]));
        assertTrue(AvpType.ADDRESS.isValid(new byte[] {0, 1, 127, 0, 0, 1}));
        assertFalse(AvpType.ADDRESS.hasValidLength(new byte[] {0, 1, 127, 0, 0}));
        assertFalse(AvpType.GROUPED.isValid(new byte[] {0, 0, 1, 1, 0x40, 0, 0, 99}), "a child longer than it");
        assertTrue(AvpType.GROUPED.isValid(dict.group(
                        "Experimental-Result",
                        dict.create("Vendor-Id", 10415),
                        dict.create("Experimental-Result-Code", 2001))
                .data()));
    }

    @Test
    void createRejectsUnknownNamesAndAZeroExampleHasTheTypesSize() {
        assertThrows(IllegalArgumentException.class, () -> dict.create("No-Such-Avp", 1));
        assertEquals(4, dict.avp("Vendor-Id").orElseThrow().zero().dataLength());
        assertEquals(1, dict.avp("User-Name").orElseThrow().zero().dataLength(), "one zero octet, not empty");
        assertEquals(0, dict.avp("Failed-AVP").orElseThrow().zero().dataLength());
        assertEquals(6, dict.avp("Host-IP-Address").orElseThrow().zero().dataLength());
    }

    @Test
    void anotherBundleAddsItsDefinitionsWithoutChangingTheStandardOnes() {
        DiameterDictionary sh = dict.with("""
                application sh 16777217 10415
                avp User-Identity 700 10415 Grouped M
                command User-Data UDR UDA 306 sh P Session-Id,User-Identity Session-Id
                """);
        assertEquals(306, sh.command("UDR").orElseThrow().code());
        assertTrue(dict.command("UDR").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> dict.with("avp Broken 1 0 NoType M"));
        assertThrows(IllegalArgumentException.class, () -> dict.with("command X XR XA 1 base - Nope -"));
    }
}
