package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.CxMessages.all;
import static io.switchboard.cx.internal.CxMessages.avp;
import static io.switchboard.cx.internal.CxMessages.child;
import static io.switchboard.cx.internal.CxMessages.experimental;
import static io.switchboard.cx.internal.CxMessages.find;
import static io.switchboard.cx.internal.CxMessages.group;
import static io.switchboard.cx.internal.CxMessages.request;
import static io.switchboard.cx.internal.CxMessages.result;
import static io.switchboard.cx.internal.CxMessages.wire;
import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_BARRED;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.BOB;
import static io.switchboard.cx.internal.ImsFixture.BOB_SIP;
import static io.switchboard.cx.internal.ImsFixture.CAROL_SIP;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.Hss;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.internal.diameter.CxAdapter;
import io.switchboard.cx.internal.diameter.CxOperation;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Diameter adapter: Cx requests on the wire in, answers with the AVPs, flags and results of TS 29.229 out. */
class CxAdapterTest {

    private ImsFixture f;
    private Hss hss;
    private final CxAdapter adapter = new CxAdapter(DiameterDictionary.standard());

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        hss = f.hss(false);
    }

    private DiameterMessage answer(CxOperation op, DiameterMessage request) {
        return wire(adapter.answer(op, hss, request, "hss.ims.example.org", "ims.example.org"));
    }

    private DiameterMessage uar(String impi, String impu) {
        return answer(
                CxOperation.UAR,
                request(
                        300,
                        avp("User-Name", impi),
                        avp("Public-Identity", impu),
                        avp("Visited-Network-Identifier", "ims.example.org")));
    }

    private DiameterMessage mar(String impi, String impu, String scheme) {
        return answer(
                CxOperation.MAR,
                request(
                        303,
                        avp("User-Name", impi),
                        avp("Public-Identity", impu),
                        group("SIP-Auth-Data-Item", avp("SIP-Authentication-Scheme", scheme)),
                        avp("SIP-Number-Auth-Items", 1),
                        avp("Server-Name", SCSCF1)));
    }

    private DiameterMessage sar(String impi, String impu, int type) {
        return answer(
                CxOperation.SAR,
                request(
                        301,
                        avp("User-Name", impi),
                        avp("Public-Identity", impu),
                        avp("Server-Name", SCSCF1),
                        avp("Server-Assignment-Type", type),
                        avp("User-Data-Already-Available", 0)));
    }

    @Test
    void uaaCarriesTheCxFrameAndAnExperimentalFirstRegistration() {
        DiameterMessage request = request(
                300,
                avp("User-Name", ALICE),
                avp("Public-Identity", ALICE_SIP),
                avp("Visited-Network-Identifier", "ims.example.org"));
        DiameterMessage a = answer(CxOperation.UAR, request);

        assertFalse(a.isRequest());
        assertTrue(a.isProxiable());
        assertFalse(a.isError());
        assertEquals(300, a.commandCode());
        assertEquals(16777216L, a.applicationId());
        assertEquals(0x1234, a.hopByHop());
        assertEquals(0x5678, a.endToEnd());
        assertEquals(AvpCodes.SESSION_ID, a.avps().get(0).code(), "Session-Id first");
        assertEquals(request.sessionId(), a.sessionId());
        Avp vsai = find(a, "Vendor-Specific-Application-Id").orElseThrow();
        assertEquals(10415, child(vsai, "Vendor-Id").orElseThrow().asUnsigned32());
        assertEquals(16777216L, child(vsai, "Auth-Application-Id").orElseThrow().asUnsigned32());
        assertEquals(1, find(a, "Auth-Session-State").orElseThrow().asUnsigned32());
        assertEquals("hss.ims.example.org", a.originHost().orElseThrow());
        assertEquals("ims.example.org", a.originRealm().orElseThrow());

        assertEquals(2001, experimental(a), "DIAMETER_FIRST_REGISTRATION");
        assertEquals(-1, result(a), "never both Result-Code and Experimental-Result");
        Avp server = find(a, "Server-Name").orElseThrow();
        assertEquals("sip:scscf1.ims.example.org:6060", server.asUtf8(), "the pool's S-CSCF with capability 1");
        assertEquals(0xC0, server.flags(), "V and M");
    }

    @Test
    void uarErrorsTellExperimentalFromBaseResults() {
        assertEquals(5001, experimental(uar("nobody@ims.example.org", "sip:nobody@ims.example.org")));
        assertEquals(5002, experimental(uar(BOB, ALICE_SIP)));
        DiameterMessage barred = uar(ALICE, ALICE_BARRED);
        assertEquals(5003, result(barred), "barred: base AUTHORIZATION_REJECTED");
        assertEquals(-1, experimental(barred));
        assertFalse(find(barred, "Server-Name").isPresent());
    }

    @Test
    void aQuotedVisitedNetworkAsKamailiosIcscfCopiesItIsTheHomeNetwork() {
        DiameterMessage quoted = answer(
                CxOperation.UAR,
                request(
                        300,
                        avp("User-Name", ALICE),
                        avp("Public-Identity", ALICE_SIP),
                        avp("Visited-Network-Identifier", "\"ims.example.org\"")));
        assertEquals(2001, experimental(quoted));
        DiameterMessage foreign = answer(
                CxOperation.UAR,
                request(
                        300,
                        avp("User-Name", ALICE),
                        avp("Public-Identity", ALICE_SIP),
                        avp("Visited-Network-Identifier", "\"other.example.net\"")));
        assertEquals(5004, experimental(foreign), "ROAMING_NOT_ALLOWED");
    }

    @Test
    void uarWithCapabilitiesAnswersServerCapabilities() {
        DiameterMessage a = answer(
                CxOperation.UAR,
                request(
                        300,
                        avp("User-Name", ALICE),
                        avp("Public-Identity", ALICE_SIP),
                        avp("Visited-Network-Identifier", "ims.example.org"),
                        avp("User-Authorization-Type", 2)));
        assertEquals(2001, experimental(a));
        Avp caps = find(a, "Server-Capabilities").orElseThrow();
        List<Avp> children = caps.children();
        assertTrue(children.stream().anyMatch(c -> c.code() == 604 && c.asUnsigned32() == 1), "Mandatory-Capability");
        assertTrue(children.stream().anyMatch(c -> c.code() == 605 && c.asUnsigned32() == 7), "Optional-Capability");
        assertTrue(children.stream().anyMatch(c -> c.code() == 602), "Server-Name of the pool");
    }

    @Test
    void maaAkaItemHasTheVectorAvps() {
        DiameterMessage a = mar(ALICE, ALICE_SIP, "Digest-AKAv1-MD5");
        assertEquals(2001, result(a));
        assertEquals(ALICE, find(a, "User-Name").orElseThrow().asUtf8());
        assertEquals(ALICE_SIP, find(a, "Public-Identity").orElseThrow().asUtf8());
        assertEquals(1, find(a, "SIP-Number-Auth-Items").orElseThrow().asUnsigned32());
        List<Avp> items = all(a, "SIP-Auth-Data-Item");
        assertEquals(1, items.size());
        Avp item = items.get(0);
        assertEquals(
                "Digest-AKAv1-MD5",
                child(item, "SIP-Authentication-Scheme").orElseThrow().asUtf8());
        assertEquals(32, child(item, "SIP-Authenticate").orElseThrow().dataLength(), "RAND||AUTN");
        assertEquals(8, child(item, "SIP-Authorization").orElseThrow().dataLength(), "XRES of MILENAGE");
        assertEquals(16, child(item, "Confidentiality-Key").orElseThrow().dataLength());
        assertEquals(16, child(item, "Integrity-Key").orElseThrow().dataLength());
    }

    @Test
    void maaSipDigestItemGroupsTheDigestAvpsWithoutTheMBit() {
        DiameterMessage a = mar(BOB, BOB_SIP, "SIP Digest");
        assertEquals(2001, result(a));
        Avp item = all(a, "SIP-Auth-Data-Item").get(0);
        assertEquals(
                "SIP Digest",
                child(item, "SIP-Authentication-Scheme").orElseThrow().asUtf8());
        Avp digest = child(item, "SIP-Digest-Authenticate").orElseThrow();
        assertEquals(0x80, digest.flags(), "635: V set, M not set (TS 29.229)");
        assertArrayEquals(
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                child(digest, "Digest-HA1").orElseThrow().data());
        assertEquals("MD5", child(digest, "Digest-Algorithm").orElseThrow().asUtf8());
        assertEquals("auth", child(digest, "Digest-QoP").orElseThrow().asUtf8());
        assertEquals(
                "ims.example.org", child(digest, "Digest-Realm").orElseThrow().asUtf8());
        assertEquals(0, child(digest, "Digest-Realm").orElseThrow().vendorId());
    }

    @Test
    void unsupportedSchemeIs5006AndAMissingSchemeIs5005WithFailedAvp() {
        DiameterMessage unsupported = mar(ALICE, ALICE_SIP, "Digest-AKAv2-SHA-256");
        assertEquals(5006, experimental(unsupported));
        assertTrue(all(unsupported, "SIP-Auth-Data-Item").isEmpty());

        DiameterMessage a = answer(
                CxOperation.MAR,
                request(
                        303,
                        avp("User-Name", ALICE),
                        avp("Public-Identity", ALICE_SIP),
                        group("SIP-Auth-Data-Item", avp("SIP-Item-Number", 1)),
                        avp("SIP-Number-Auth-Items", 1),
                        avp("Server-Name", SCSCF1)));
        assertEquals(5005, result(a));
        Avp failed = find(a, "Failed-AVP").orElseThrow();
        Avp item = child(failed, "SIP-Auth-Data-Item").orElseThrow();
        assertTrue(child(item, "SIP-Authentication-Scheme").isPresent(), "the missing AVP inside its group");
    }

    @Test
    void sarWithoutAnyIdentityIs5005() {
        DiameterMessage a = answer(
                CxOperation.SAR,
                request(
                        301,
                        avp("Server-Name", SCSCF1),
                        avp("Server-Assignment-Type", 1),
                        avp("User-Data-Already-Available", 0)));
        assertEquals(5005, result(a));
        assertEquals(
                601,
                child(find(a, "Failed-AVP").orElseThrow(), "Public-Identity")
                        .orElseThrow()
                        .code());
    }

    @Test
    void registrationFlowOverTheAdapter() {
        assertEquals(2001, experimental(uar(ALICE, ALICE_SIP)));
        assertEquals(2001, result(mar(ALICE, ALICE_SIP, "SIP Digest")));
        DiameterMessage saa = sar(ALICE, ALICE_SIP, 1);
        assertEquals(2001, result(saa));
        String xml = new String(find(saa, "User-Data").orElseThrow().data(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<PrivateID>" + ALICE + "</PrivateID>"), xml);
        assertTrue(xml.contains("<Identity>" + ALICE_SIP + "</Identity>"), xml);
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_SIP).state());
        assertEquals(
                "scscf1.ims.example.org",
                f.store.registration(ALICE_SIP).scscfHost(),
                "the SAR's Origin-Host, Destination-Host of a later RTR");

        DiameterMessage again = uar(ALICE, ALICE_SIP);
        assertEquals(2002, experimental(again));
        assertEquals(SCSCF1, find(again, "Server-Name").orElseThrow().asUtf8());
        DiameterMessage lia = answer(CxOperation.LIR, request(302, avp("Public-Identity", ALICE_SIP)));
        assertEquals(2001, result(lia));
        assertEquals(SCSCF1, find(lia, "Server-Name").orElseThrow().asUtf8());

        assertEquals(2001, result(sar(ALICE, ALICE_SIP, 5)));
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state());
        assertEquals(5003, experimental(answer(CxOperation.LIR, request(302, avp("Public-Identity", BOB_SIP)))));
        assertEquals(2003, experimental(answer(CxOperation.LIR, request(302, avp("Public-Identity", CAROL_SIP)))));
    }

    @Test
    void aRequestOfAnotherCommandIsRefused() {
        DiameterMessage lir = request(302, avp("Public-Identity", ALICE_SIP));
        assertThrows(IllegalArgumentException.class, () -> adapter.answer(CxOperation.UAR, hss, lir, null, null));
    }
}
