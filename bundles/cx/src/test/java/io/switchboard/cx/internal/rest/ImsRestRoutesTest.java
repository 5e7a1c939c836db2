package io.switchboard.cx.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.HssRequests;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.internal.ImsTestStore;
import io.switchboard.http.RestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The handlers of /api/ims: what they store, what they show (no secrets), how they refuse bad input. */
class ImsRestRoutesTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private ImsRestRoutes rest;

    @BeforeEach
    void setUp() throws Exception {
        rest = new ImsRestRoutes();
        rest.store = ImsTestStore.withExampleProfile().store();
    }

    private Exchange exchange(Object body, String... params) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        for (int i = 0; i < params.length; i += 2) {
            e.getMessage().setHeader(params[i], params[i + 1]);
        }
        return e;
    }

    private static void assertReason(String reason, Executable call) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, call);
        assertTrue(x.getMessage().contains(reason), x.getMessage());
    }

    @Test
    void putsAPrivateIdentityWithOpAndLinksAndNeverShowsSecrets() {
        rest.putPublic(exchange(
                Map.of("serviceProfile", "default", "implicitSet", "dave"), "impu", "sip:dave@ims.example.org"));
        Exchange e = exchange(
                Map.of(
                        "password", "pw",
                        "k", "465b5ce8b199b49faa5f0a2ee238a6bc",
                        "op", "cdc202d5123e20f62b6d676ac72cb318",
                        "sqn", 64,
                        "publicIdentities", List.of("sip:dave@ims.example.org")),
                "impi",
                "dave@ims.example.org");
        Object out = rest.putPrivate(e);
        assertEquals(201, e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        PrivateIdentity stored =
                rest.store.privateIdentity("dave@ims.example.org").orElseThrow();
        assertEquals("cd63cb71954a9f4e48a5994e37a02baf", stored.akaOpc(), "OPc from K and OP (TS 35.208 set 1)");
        assertEquals("ims.example.org", stored.realm(), "the realm defaults to the IMPI's domain");
        assertEquals(List.of("sip:dave@ims.example.org"), rest.store.publicIdentitiesOf("dave@ims.example.org"));
        String shown = out.toString();
        assertTrue(shown.contains("secrets=[password, aka]"), shown);
        assertFalse(shown.contains("465b5ce8"), "K never leaves");
        assertFalse(shown.contains("cd63cb71"), "OPc never leaves");
        assertFalse(shown.contains("=pw"), "the password never leaves");

        Exchange again = exchange(
                Map.of("ha1", "0123456789abcdef0123456789abcdef", "publicIdentities", List.of()),
                "impi",
                "dave@ims.example.org");
        rest.putPrivate(again);
        assertEquals(200, again.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(List.of(), rest.store.publicIdentitiesOf("dave@ims.example.org"), "links set to the list");
    }

    @Test
    void refusesBadInputWithTheReason() {
        assertReason("needs a password", () -> rest.putPrivate(exchange(Map.of(), "impi", "x@ims.example.org")));
        assertReason("user@realm", () -> rest.putPrivate(exchange(Map.of("password", "p"), "impi", "x")));
        assertReason(
                "k is 32 hex digits",
                () -> rest.putPrivate(exchange(Map.of("k", "12", "opc", "00"), "impi", "x@ims.example.org")));
        assertReason(
                "k needs opc",
                () -> rest.putPrivate(
                        exchange(Map.of("k", "465b5ce8b199b49faa5f0a2ee238a6bc"), "impi", "x@ims.example.org")));
        assertReason(
                "sqn is 0..",
                () -> rest.putPrivate(exchange(Map.of("password", "p", "sqn", -1), "impi", "x@ims.example.org")));
        assertReason(
                "no public identity",
                () -> rest.putPrivate(exchange(
                        Map.of("password", "p", "publicIdentities", List.of("sip:nobody@x")),
                        "impi",
                        "x@ims.example.org")));
        assertReason(
                "sip:, sips: or tel:",
                () -> rest.putPublic(exchange(Map.of("serviceProfile", "default"), "impu", "mailto:x@y")));
        assertReason(
                "no service profile",
                () -> rest.putPublic(exchange(Map.of("serviceProfile", "nope"), "impu", "sip:x@y")));
        assertReason(
                "not a valid <ServiceProfile>",
                () -> rest.putProfile(
                        exchange(Map.of("xml", "<ServiceProfile><Bogus/></ServiceProfile>"), "name", "p1")));
        assertReason(
                "capability is a whole number",
                () -> rest.putScscf(exchange(Map.of("capabilities", List.of(-1)), "name", "sip:s.example.org")));
        assertReason("must be a JSON object", () -> rest.putScscf(exchange("text", "name", "sip:s.example.org")));
        RestException missing = assertThrows(
                RestException.class,
                () -> ImsRestRoutes.deleted(exchange(null, "name", "sip:none"), false, "S-CSCF", "name"));
        assertEquals(404, missing.status());
    }

    @Test
    void profilesAndScscfs() {
        Exchange e = exchange(Map.of("xml", "<ServiceProfile/>", "mandatoryCapabilities", List.of(3)), "name", "p1");
        rest.putProfile(e);
        assertEquals(201, e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(List.of(3), rest.store.serviceProfile("p1").orElseThrow().mandatoryCapabilities());
        Exchange s = exchange(
                Map.of("diameterHost", "s.example.org", "capabilities", List.of(3), "priority", 1),
                "name",
                "sip:s.example.org:6060");
        rest.putScscf(s);
        assertEquals("s.example.org", rest.store.scscfs().get(0).diameterHost());
    }

    /** Records what the REST handlers ask to send and answers each request 2001 from one S-CSCF. */
    private static final class RecordingRequests implements HssRequests {
        final List<String> calls = new ArrayList<>();

        private CompletionStage<List<CxDelivery>> one(String call, String command, String impi) {
            calls.add(call);
            return CompletableFuture.completedFuture(
                    List.of(new CxDelivery(command, "scscf.example.org", impi, CxResult.SUCCESS, null)));
        }

        @Override
        public CompletionStage<List<CxDelivery>> deregister(String identity, int reasonCode, String reasonInfo) {
            return one("deregister " + identity + " " + reasonCode + " " + reasonInfo, "RTR", identity);
        }

        @Override
        public CompletionStage<List<CxDelivery>> pushProfile(String impi) {
            return one("push " + impi, "PPR", impi);
        }

        @Override
        public CompletionStage<List<CxDelivery>> pushProfileChange(String name) {
            return one("push profile " + name, "PPR", "x");
        }
    }

    @Test
    void deregisterAndPushAnswerTheDeliveriesAndAnEditedProfileIsPushed() throws Exception {
        RecordingRequests requests = new RecordingRequests();
        Exchange noNode = exchange(null, "identity", ImsTestStore.REGISTERED_USER);
        RestException x = assertThrows(RestException.class, () -> rest.deregister(noNode));
        assertEquals(503, x.status());

        rest.requests = requests;
        Object out = rest.deregister(
                exchange(null, "identity", ImsTestStore.REGISTERED_USER, "reasonCode", "2", "reasonInfo", "moved"));
        assertEquals("deregister " + ImsTestStore.REGISTERED_USER + " 2 moved", requests.calls.get(0));
        List<?> deliveries = (List<?>) ((Map<?, ?>) out).get("deliveries");
        Map<?, ?> d = (Map<?, ?>) deliveries.get(0);
        assertEquals("RTR", d.get("command"));
        assertEquals(true, d.get("delivered"));
        assertEquals(2001, d.get("resultCode"));
        assertEquals(
                404,
                assertThrows(RestException.class, () -> rest.deregister(exchange(null, "identity", "sip:no@x")))
                        .status());
        assertReason("reasonCode", () -> rest.deregister(exchange(null, "identity", "sip:no@x", "reasonCode", "7")));

        rest.putProfile(exchange(Map.of("xml", "<ServiceProfile/>"), "name", "p2"));
        assertEquals(1, requests.calls.size(), "a new profile has no users to push to");
        rest.putProfile(exchange(Map.of("xml", "<ServiceProfile/>"), "name", "p2"));
        assertEquals("push profile p2", requests.calls.get(1), "an edited one is pushed");
    }
}
