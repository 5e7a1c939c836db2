package io.switchboard.pickup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.pickup.PickupException;
import io.switchboard.sip.SipBranchResult;
import io.switchboard.sip.SipProxyCalls;
import io.switchboard.sip.SipRelayHandle;
import io.switchboard.sip.SipServerExchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pickup decisions against real groups (the service on an in-memory H2 store), dialogs as the dialog bundle lists them
 * and relays that record the branches added to them.
 */
class CallPickupTest {

    static final String HOST = "pbx.example.net";
    static final String CONTACT = "sip:carol@10.0.0.3:5062";
    static final PickupConfig CONFIG = PickupConfig.DEFAULTS;

    PickupGroupsComponent groups;
    final List<DialogInfo> live = new ArrayList<>();
    final Map<String, FakeRelay> relays = new HashMap<>();
    CallPickup pickup;

    /** A running relay that records what was added; answers as a relay in the given state would. */
    static final class FakeRelay implements SipRelayHandle {
        final String callId;
        SipBranchResult answer = SipBranchResult.ADDED;
        final List<String> added = new ArrayList<>();
        final List<Map<String, List<String>>> headers = new ArrayList<>();
        boolean cancelOthers;

        FakeRelay(String callId) {
            this.callId = callId;
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public SipBranchResult addBranch(String uri, Map<String, List<String>> h, boolean cancel) {
            if (answer == SipBranchResult.ADDED) {
                added.add(uri);
                headers.add(h);
                cancelOthers = cancel;
            }
            return answer;
        }

        @Override
        public int cancelBranches() {
            return 0;
        }

        @Override
        public boolean hold(long millis) {
            return false;
        }

        @Override
        public void releaseHolds() {}

        @Override
        public boolean answered() {
            return answer == SipBranchResult.ANSWERED;
        }

        @Override
        public boolean ended() {
            return answer == SipBranchResult.ENDED;
        }
    }

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pk" + ThreadLocalRandom.current().nextLong() + ";DB_CLOSE_DELAY=-1");
        groups = new PickupGroupsComponent();
        groups.dataSource = ds;
        groups.activate();
        SipProxyCalls calls = new SipProxyCalls() {
            @Override
            public SipRelayHandle byCallId(String callId) {
                return relays.get(callId);
            }

            @Override
            public SipRelayHandle of(SipServerExchange server) {
                return null;
            }
        };
        pickup = new CallPickup(groups, () -> List.copyOf(live), calls);
    }

    private FakeRelay ringing(String callId, String callee, DialogState state, long createdAt) {
        live.add(new DialogInfo(
                callId,
                "sip:alice@" + HOST,
                "a",
                "sip:" + callee,
                null,
                state,
                createdAt,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                1,
                0,
                List.of(),
                Set.of()));
        FakeRelay r = new FakeRelay(callId);
        relays.put(callId, r);
        return r;
    }

    @Test
    void directedPickupTakesTheCallOfAGroupColleagueWithTheAutoAnswerHint() throws Exception {
        groups.add("sales", "bob@" + HOST);
        groups.add("sales", "carol@" + HOST);
        FakeRelay call = ringing("c1", "bob@" + HOST, DialogState.RINGING, 1);
        CallPickup.Outcome o = pickup.pick(CONFIG, "*8bob", HOST, "carol@" + HOST, CONTACT);
        assertEquals(487, o.status());
        assertEquals("directed", o.kind());
        assertEquals("c1", o.callId());
        assertEquals("bob@" + HOST, o.callee());
        assertEquals(List.of(CONTACT), call.added);
        assertTrue(call.cancelOthers, "the ringing branches are CANCELled in the same step");
        assertEquals(Map.of("Call-Info", List.of("<sip:" + HOST + ">;answer-after=0")), call.headers.get(0));
    }

    @Test
    void directedPickupOutsideTheGroupIs403AndNothingRingingIs404() throws Exception {
        groups.add("sales", "bob@" + HOST);
        FakeRelay call = ringing("c1", "bob@" + HOST, DialogState.RINGING, 1);
        assertEquals(
                403,
                pickup.pick(CONFIG, "*8bob", HOST, "carol@" + HOST, CONTACT).status());
        assertTrue(call.added.isEmpty());
        groups.add("sales", "carol@" + HOST);
        CallPickup.Outcome none = pickup.pick(CONFIG, "*8carol", HOST, "bob@" + HOST, CONTACT);
        assertEquals(404, none.status(), "carol's phone does not ring");
        assertEquals("Nothing Ringing", none.reason());
    }

    @Test
    void theCalleesOwnDeviceMayPickUpWithoutAGroup() {
        FakeRelay call = ringing("c1", "bob@" + HOST, DialogState.CREATED, 1);
        assertEquals(
                487, pickup.pick(CONFIG, "*8bob", HOST, "bob@" + HOST, CONTACT).status());
        assertEquals(List.of(CONTACT), call.added);
    }

    @Test
    void groupPickupTakesTheOldestRingingCallOfTheGroupAndSkipsAnsweredOnes() throws Exception {
        groups.add("sales", "bob@" + HOST);
        groups.add("sales", "carol@" + HOST);
        groups.add("sales", "dave@" + HOST);
        groups.add("other", "erin@" + HOST);
        ringing("answered", "bob@" + HOST, DialogState.ANSWERED, 0);
        FakeRelay raced = ringing("raced", "dave@" + HOST, DialogState.RINGING, 1);
        raced.answer = SipBranchResult.ANSWERED; // answered between the dialog's listing and the branch
        FakeRelay next = ringing("next", "bob@" + HOST, DialogState.RINGING, 2);
        FakeRelay foreign = ringing("foreign", "erin@" + HOST, DialogState.RINGING, 0);
        CallPickup.Outcome o = pickup.pick(CONFIG, "*8", HOST, "carol@" + HOST, CONTACT);
        assertEquals(487, o.status());
        assertEquals("group", o.kind());
        assertEquals("next", o.callId());
        assertEquals(List.of(CONTACT), next.added);
        assertTrue(foreign.added.isEmpty(), "not carol's group");
        assertTrue(raced.added.isEmpty());
    }

    @Test
    void groupPickupWithNothingRingingIs480AndOtherCodesAreNotPickups() throws Exception {
        groups.add("sales", "carol@" + HOST);
        ringing("mine", "bob@" + HOST, DialogState.RINGING, 1);
        assertEquals(
                480, pickup.pick(CONFIG, "*8", HOST, "carol@" + HOST, CONTACT).status());
        assertNull(pickup.pick(CONFIG, "bob", HOST, "carol@" + HOST, CONTACT), "no pickup code");
        assertEquals(
                487,
                pickup.pick(new PickupConfig("#7", ""), "#7bob", HOST, "bob@" + HOST, CONTACT)
                        .status(),
                "the prefix is a setting");
        assertNull(relays.get("mine").headers.get(0), "call_info empty: no Call-Info");
    }

    @Test
    void aCallThePickerMakesItselfIsNotPickedAndAMissingContactIs400() throws Exception {
        groups.add("sales", "alice@" + HOST);
        groups.add("sales", "bob@" + HOST);
        ringing("own", "bob@" + HOST, DialogState.RINGING, 1); // from alice
        assertEquals(
                480, pickup.pick(CONFIG, "*8", HOST, "alice@" + HOST, CONTACT).status());
        assertEquals(
                400, pickup.pick(CONFIG, "*8bob", HOST, "bob@" + HOST, null).status());
    }

    @Test
    void groupsAreStoredCheckedAndReadBack() throws Exception {
        assertTrue(groups.add("sales", "Bob@PBX.example.net"));
        assertFalse(groups.add("sales", "Bob@pbx.example.net"), "the domain compares without case");
        assertEquals(Set.of("sales"), groups.groupsOf("Bob@pbx.example.net"));
        assertEquals(
                400,
                assertThrows(PickupException.class, () -> groups.add("sales", "sip:x@y"))
                        .status());
        assertEquals(
                400,
                assertThrows(PickupException.class, () -> groups.add("a b", "x@y"))
                        .status());
        PickupGroupsComponent again = new PickupGroupsComponent();
        again.dataSource = groups.dataSource;
        again.activate();
        assertEquals(Map.of("sales", List.of("Bob@pbx.example.net")), again.groups(), "read back from the store");
        assertTrue(again.remove("sales", "Bob@pbx.example.net"));
        assertFalse(again.remove("sales", "Bob@pbx.example.net"));
        assertTrue(again.groups().isEmpty());
    }
}
