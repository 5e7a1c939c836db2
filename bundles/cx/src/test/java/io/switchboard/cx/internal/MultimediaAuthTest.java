package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.BOB;
import static io.switchboard.cx.internal.ImsFixture.BOB_SIP;
import static io.switchboard.cx.internal.ImsFixture.K;
import static io.switchboard.cx.internal.ImsFixture.OPC;
import static io.switchboard.cx.internal.ImsFixture.REALM;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.cx.AuthItem;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.MaaResult;
import io.switchboard.cx.Milenage;
import io.switchboard.cx.MultimediaAuth;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.store.DigestHashes;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MAR: SIP Digest items, AKA vectors checked the way a USIM checks them, SQN advance and re-synchronisation. */
class MultimediaAuthTest {

    private ImsFixture f;
    private HssEngine hss;
    private final Milenage usim =
            new Milenage(HexFormat.of().parseHex(K), HexFormat.of().parseHex(OPC));

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        hss = f.hss(false);
    }

    private MaaResult mar(String impi, String impu, String scheme, int n, byte[] authorization) {
        return hss.multimediaAuth(new MultimediaAuth(impi, impu, scheme, n, SCSCF1, authorization));
    }

    @Test
    void sipDigestGivesTheHa1OfImpiRealmPassword() {
        MaaResult maa = mar(ALICE, ALICE_SIP, "SIP Digest", 1, null);
        assertEquals(CxResult.SUCCESS, maa.result());
        assertEquals(ALICE, maa.impi());
        assertEquals(ALICE_SIP, maa.impu());
        AuthItem item = maa.items().get(0);
        assertEquals("SIP Digest", item.scheme());
        assertEquals(REALM, item.digest().realm());
        assertEquals("auth", item.digest().qop());
        assertEquals("MD5", item.digest().algorithm());
        assertEquals(
                DigestHashes.ha1("MD5", ALICE, REALM, "secret"), item.digest().ha1());
        assertEquals(
                "0123456789abcdef0123456789abcdef",
                mar(BOB, BOB_SIP, "Digest-MD5", 1, null).items().get(0).digest().ha1(),
                "a stored HA1 as it is");
        assertEquals(
                "Digest-MD5",
                mar(BOB, BOB_SIP, "Digest-MD5", 1, null).items().get(0).scheme(),
                "answered with the request's scheme name");
        assertEquals(SCSCF1, f.store.registration(ALICE_SIP).pendingScscf());
    }

    @Test
    void akaVectorsVerifyOnTheUsimAndAdvanceTheSqn() {
        MaaResult maa = mar(ALICE, ALICE_SIP, "Digest-AKAv1-MD5", 10, null);
        assertEquals(CxResult.SUCCESS, maa.result());
        assertEquals(3, maa.items().size(), "capped at max_auth_items");
        long sqn = 0x40;
        for (AuthItem item : maa.items()) {
            assertEquals("Digest-AKAv1-MD5", item.scheme());
            byte[] rand = Arrays.copyOfRange(item.authenticate(), 0, 16);
            byte[] autn = Arrays.copyOfRange(item.authenticate(), 16, 32);
            byte[] sqnBytes = Milenage.xor(Arrays.copyOfRange(autn, 0, 6), usim.f5(rand));
            assertArrayEquals(AkaVectors.sqnBytes(sqn), sqnBytes, "SQN of item " + item.itemNumber());
            byte[] amf = Arrays.copyOfRange(autn, 6, 8);
            assertArrayEquals(new byte[] {(byte) 0x80, 0}, amf);
            assertArrayEquals(usim.f1(rand, sqnBytes, amf), Arrays.copyOfRange(autn, 8, 16), "MAC-A");
            assertArrayEquals(usim.f2(rand), item.authorization(), "XRES");
            assertArrayEquals(usim.f3(rand), item.ck());
            assertArrayEquals(usim.f4(rand), item.ik());
            assertNull(item.digest());
            sqn += AkaVectors.SQN_STEP;
        }
        assertEquals(sqn, f.store.privateIdentity(ALICE).orElseThrow().akaSqn());
    }

    @Test
    void resynchronisationFromAuts() {
        PrivateIdentity alice = f.store.privateIdentity(ALICE).orElseThrow();
        byte[] rand = HexFormat.of().parseHex("23553cbe9637a89d218ae64dae47bf35");
        long sqnMs = 0x123456780L;
        byte[] auts = AkaVectors.auts(alice, rand, sqnMs);
        byte[] randAuts = new byte[30];
        System.arraycopy(rand, 0, randAuts, 0, 16);
        System.arraycopy(auts, 0, randAuts, 16, 14);
        MaaResult maa = mar(ALICE, ALICE_SIP, "Digest-AKAv1-MD5", 1, randAuts);
        assertEquals(CxResult.SUCCESS, maa.result());
        byte[] itemRand = Arrays.copyOfRange(maa.items().get(0).authenticate(), 0, 16);
        byte[] autn = Arrays.copyOfRange(maa.items().get(0).authenticate(), 16, 32);
        assertArrayEquals(
                AkaVectors.sqnBytes(sqnMs + AkaVectors.SQN_STEP),
                Milenage.xor(Arrays.copyOfRange(autn, 0, 6), usim.f5(itemRand)),
                "the new vector's SQN is the USIM's plus one step");

        randAuts[29] ^= 1;
        assertEquals(
                CxResult.AUTHENTICATION_REJECTED,
                mar(ALICE, ALICE_SIP, "Digest-AKAv1-MD5", 1, randAuts).result());
        assertEquals(
                CxResult.INVALID_AVP_VALUE,
                mar(ALICE, ALICE_SIP, "Digest-AKAv1-MD5", 1, new byte[12]).result());
    }

    @Test
    void errors() {
        assertEquals(
                CxResult.AUTH_SCHEME_NOT_SUPPORTED,
                mar(ALICE, ALICE_SIP, "Digest-AKAv2-SHA-256", 1, null).result());
        assertEquals(
                CxResult.AUTH_SCHEME_NOT_SUPPORTED,
                mar(BOB, BOB_SIP, "Digest-AKAv1-MD5", 1, null).result(),
                "bob has no AKA credentials");
        assertEquals(
                CxResult.USER_UNKNOWN,
                mar("x@ims.example.org", ALICE_SIP, "SIP Digest", 1, null).result());
        assertEquals(
                CxResult.IDENTITIES_DONT_MATCH,
                mar(BOB, ALICE_SIP, "SIP Digest", 1, null).result());
        assertEquals(
                "Digest-AKAv1-MD5",
                mar(ALICE, ALICE_SIP, "Unknown", 1, null).items().get(0).scheme());
    }
}
