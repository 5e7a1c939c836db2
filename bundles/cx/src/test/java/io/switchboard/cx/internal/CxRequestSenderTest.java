package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.AnsweringStack.SCSCF_HOST;
import static io.switchboard.cx.internal.CxMessages.all;
import static io.switchboard.cx.internal.CxMessages.child;
import static io.switchboard.cx.internal.CxMessages.find;
import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.ALICE_TEL;
import static io.switchboard.cx.internal.ImsFixture.BOB;
import static io.switchboard.cx.internal.ImsFixture.BOB_SIP;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.internal.diameter.CxRequestSender;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.DiameterMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RTR and PPR as the HSS sends them: to the S-CSCF on record, the AVPs of TS 29.229, the answer acted upon. */
class CxRequestSenderTest {

    private ImsFixture f;
    private HssEngine hss;
    private AnsweringStack stack;
    private CxRequestSender sender;

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        hss = f.hss(false);
        stack = new AnsweringStack(r -> AnsweringStack.answer(r, 2001));
        sender = new CxRequestSender(hss, stack, f.store);
    }

    private void register(String impi, String impu, String originHost) {
        CxResult r = hss.serverAssignment(new ServerAssignment(impi, List.of(impu), SCSCF1, 1, false, originHost))
                .result();
        assertEquals(CxResult.SUCCESS, r);
    }

    private static List<CxDelivery> done(CompletionStage<List<CxDelivery>> s) throws Exception {
        return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void rtrGoesToTheScscfOnRecordAndA2001ClearsTheImplicitSet() throws Exception {
        register(ALICE, ALICE_SIP, SCSCF_HOST);
        List<CxDelivery> out = done(sender.deregister(ALICE_TEL, 1, "moved"));

        assertEquals(1, out.size());
        CxDelivery d = out.get(0);
        assertTrue(d.delivered(), d.toString());
        assertEquals(new CxDelivery("RTR", SCSCF_HOST, ALICE, CxResult.SUCCESS, null), d);
        DiameterMessage rtr = stack.sent.get(0);
        assertEquals(304, rtr.commandCode());
        assertTrue(rtr.isRequest() && rtr.isProxiable());
        assertEquals(SCSCF_HOST, find(rtr, "Destination-Host").orElseThrow().asUtf8());
        assertEquals("scscf.realm", find(rtr, "Destination-Realm").orElseThrow().asUtf8(), "the peer's CER realm");
        assertEquals(ALICE, find(rtr, "User-Name").orElseThrow().asUtf8());
        assertEquals(
                List.of(ALICE_SIP, ALICE_TEL),
                all(rtr, "Public-Identity").stream().map(Avp::asUtf8).toList());
        Avp reason = find(rtr, "Deregistration-Reason").orElseThrow();
        assertEquals(1, child(reason, "Reason-Code").orElseThrow().asUnsigned32());
        assertEquals("moved", child(reason, "Reason-Info").orElseThrow().asUtf8());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_TEL).state());
    }

    @Test
    void aRefusedOrUnansweredRtrKeepsTheRegistration() throws Exception {
        register(ALICE, ALICE_SIP, SCSCF_HOST);
        stack.answers = r -> AnsweringStack.answer(r, 5012);
        CxDelivery refused = done(sender.deregister(ALICE, 0, null)).get(0);
        assertFalse(refused.delivered());
        assertEquals(new CxResult(5012, false), refused.result());
        assertFalse(child(find(stack.sent.get(0), "Deregistration-Reason").orElseThrow(), "Reason-Info")
                .isPresent());
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_SIP).state());

        stack.answers = r -> null;
        CxDelivery lost = done(sender.deregister(ALICE, 0, "x")).get(0);
        assertNull(lost.result());
        assertTrue(lost.error().contains("no answer"), lost.error());
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_SIP).state());
    }

    @Test
    void nobodyToTellOrAnUnreachableScscf() throws Exception {
        assertEquals(List.of(), done(sender.deregister(BOB, 0, null)));
        assertTrue(stack.sent.isEmpty());
        register(BOB, BOB_SIP, "scscf9.elsewhere");
        CxDelivery d = done(sender.deregister(BOB_SIP, 0, null)).get(0);
        assertEquals("scscf9.elsewhere", d.destinationHost());
        assertTrue(d.error().contains("no open peer"), d.error());
        assertEquals(RegistrationState.REGISTERED, f.store.registration(BOB_SIP).state());
    }

    @Test
    void pprCarriesTheCurrentUserDataToEveryUserOfAnEditedProfile() throws Exception {
        register(ALICE, ALICE_SIP, SCSCF_HOST);
        register(BOB, BOB_SIP, SCSCF_HOST);
        List<CxDelivery> out = done(sender.pushProfileChange("default"));
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.stream().allMatch(CxDelivery::delivered));
        DiameterMessage ppr = stack.sent.stream()
                .filter(m -> find(m, "User-Name").orElseThrow().asUtf8().equals(ALICE))
                .findFirst()
                .orElseThrow();
        assertEquals(305, ppr.commandCode());
        assertEquals(SCSCF_HOST, find(ppr, "Destination-Host").orElseThrow().asUtf8());
        String xml = new String(find(ppr, "User-Data").orElseThrow().data(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Identity>" + ALICE_SIP + "</Identity>"), xml);
        assertEquals(List.of(), done(sender.pushProfileChange("vm")), "nobody of profile vm is registered");
    }
}
