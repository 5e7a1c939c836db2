package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyEvent.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialogTrackerTest {

    final List<DialogTracker.Event> events = new ArrayList<>();
    final List<SipDialog> byes = new ArrayList<>();
    final List<DialogInfo> stored = new ArrayList<>();
    final List<DialogInfo> moved = new ArrayList<>();
    Optional<DialogInfo> inStore = Optional.empty();

    final DialogStore store = new DialogStore() {
        @Override
        public void answered(DialogInfo d) {
            stored.add(d);
        }

        @Override
        public void ended(DialogInfo d) {
            moved.add(d);
        }

        @Override
        public List<DialogInfo> loadLive() {
            return inStore.map(List::of).orElse(List.of());
        }

        @Override
        public Optional<DialogInfo> findLive(String callId) {
            return inStore.filter(d -> d.callId().equals(callId));
        }
    };

    final DialogTracker tracker = new DialogTracker(store, events::add, byes::add, "127.0.0.1:5060");

    static SipProxyEvent request(String method, String fromTag, String toTag, long cseq, long at) {
        return new SipProxyEvent(
                Kind.REQUEST,
                method,
                "call-1",
                "sip:alice@example.com",
                fromTag,
                "sip:bob@example.com",
                toTag,
                cseq,
                0,
                null,
                "sip:alice@10.0.0.1:5070",
                null,
                false,
                at);
    }

    static SipProxyEvent response(int status, String toTag, long at, boolean local) {
        return new SipProxyEvent(
                Kind.RESPONSE,
                "INVITE",
                "call-1",
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                toTag,
                1,
                status,
                "x",
                status >= 200 && status < 300 ? "sip:bob@10.0.0.2:5080" : null,
                "<sip:proxy2.example.com;lr>,<sip:127.0.0.1:5060;lr>,<sip:edge.example.com;lr>",
                local,
                at);
    }

    List<String> types() {
        return events.stream().map(DialogTracker.Event::type).toList();
    }

    @Test
    void answeredCallHasPddAndDurationAndEndsOnceOnRepeatedBye() {
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        tracker.onProxyEvent(response(180, "bTag", 1250, false));
        tracker.onProxyEvent(response(183, "bTag", 1300, false));
        tracker.onProxyEvent(response(200, "bTag", 2000, false));
        DialogInfo answered = tracker.find("call-1").orElseThrow();
        assertEquals(DialogState.ANSWERED, answered.state());
        assertEquals(250, answered.pddMillis());
        assertEquals(1, stored.size(), "one write on answer");
        assertTrue(tracker.isKnown("call-1", "aTag", "bTag"));
        assertTrue(tracker.isKnown("call-1", "bTag", "aTag"), "either direction");
        assertFalse(tracker.isKnown("call-1", "zTag", "bTag"));

        tracker.onProxyEvent(request("BYE", "bTag", "aTag", 1, 7000)); // the callee hangs up
        tracker.onProxyEvent(request("BYE", "bTag", "aTag", 1, 7100)); // repeated
        tracker.onProxyEvent(request("BYE", "aTag", "bTag", 2, 7200)); // crossing BYE of the caller
        assertEquals(List.of("created", "ringing", "answered", "ended"), types());
        DialogInfo ended = events.get(3).dialog();
        assertEquals("BYE", ended.endReason());
        assertEquals("callee", ended.endedBy());
        assertEquals(5000, ended.durationMillis(0));
        assertEquals(1, moved.size(), "one move to history on end");
        assertTrue(tracker.live().isEmpty());
        assertEquals(1, tracker.recentlyEnded().size());
    }

    /** Do-Not-Disturb: no relay at all, yet the history and the events show the call and why it ended. */
    @Test
    void aDeclinedCallIsInTheHistoryWithItsReasonAndEvents() {
        tracker.declined("dnd-1", "sip:alice@example.com", "aTag", "sip:bob@example.com", "dnd", "dnd");
        assertEquals(List.of("created", "ended"), types());
        assertEquals("dnd", events.get(1).feature());
        DialogInfo ended = tracker.recentlyEnded().get(0);
        assertEquals("dnd", ended.endReason());
        assertEquals("callee", ended.endedBy());
        assertEquals(DialogState.ENDED, ended.state());
        assertTrue(tracker.live().isEmpty());
        assertTrue(stored.isEmpty() && moved.isEmpty(), "unanswered calls are never written");
        assertEquals("dnd", DialogComponent.headers(events.get(1)).get("DialogFeature"));
    }

    /** Call forwarding always decides before the relay; busy/no answer while the dialog lives. */
    @Test
    void aFeatureDecisionReachesTheDialogBeforeOrAfterItsRelay() {
        tracker.feature("call-1", "cfa");
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        assertEquals("cfa", events.get(0).feature(), "kept until the relay created the dialog");
        tracker.feature("call-1", "cfa,cfb");
        tracker.onProxyEvent(response(486, "bTag", 1100, false));
        assertEquals(List.of("created", "ended"), types());
        assertEquals("cfa,cfb", events.get(1).feature());
        assertEquals("cfa,cfb", DialogComponent.headers(events.get(1)).get("DialogFeature"));
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 2000));
        assertNull(events.get(2).feature(), "a decision is used once");
    }

    @Test
    void callerCancelEndsWithCancelByCaller() {
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        tracker.onProxyEvent(response(180, "bTag", 1100, false));
        tracker.onProxyEvent(request("CANCEL", "aTag", null, 1, 3000));
        tracker.onProxyEvent(response(487, "x", 3001, true));
        assertEquals(List.of("created", "ringing", "ended"), types());
        assertEquals("CANCEL", events.get(2).dialog().endReason());
        assertEquals("caller", events.get(2).dialog().endedBy());
        assertEquals(0, events.get(2).dialog().durationMillis(5000));
        assertTrue(stored.isEmpty() && moved.isEmpty(), "unanswered calls are never written");
    }

    @Test
    void failureAndTimeoutEndTheDialog() {
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        tracker.onProxyEvent(response(486, "bTag", 1500, false));
        assertEquals("failure 486", events.get(1).dialog().endReason());
        assertEquals("callee", events.get(1).dialog().endedBy());
        assertEquals(-1, events.get(1).dialog().pddMillis());

        events.clear();
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 2000));
        tracker.onProxyEvent(response(408, "x", 9000, true));
        assertEquals("timeout", events.get(1).dialog().endReason());
    }

    @Test
    void profilesCountLiveDialogs() {
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        assertTrue(tracker.addToProfile("call-1", "pbx"));
        assertFalse(tracker.addToProfile("nope", "pbx"));
        assertEquals(1, tracker.profileSize("pbx"));
        tracker.onProxyEvent(response(404, "bTag", 1500, false));
        assertEquals(0, tracker.profileSize("pbx"));
    }

    @Test
    void endSendsByeToBothSidesWithTagsCSeqAndRouteSets() {
        tracker.onProxyEvent(request("INVITE", "aTag", null, 5, 1000));
        tracker.onProxyEvent(new SipProxyEvent(
                Kind.RESPONSE,
                "INVITE",
                "call-1",
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                "bTag",
                5,
                200,
                "OK",
                "sip:bob@10.0.0.2:5080",
                "<sip:proxy2.example.com;lr>,<sip:127.0.0.1:5060;lr>,<sip:edge.example.com;lr>",
                false,
                2000));
        tracker.onProxyEvent(request("INFO", "bTag", "aTag", 3, 2500));
        assertTrue(tracker.end("call-1"));
        assertFalse(tracker.end("call-1"), "ended once");
        assertEquals(2, byes.size());
        SipDialog callee = byes.get(0);
        assertEquals("aTag", callee.localTag());
        assertEquals("bTag", callee.remoteTag());
        assertEquals("sip:bob@10.0.0.2:5080", callee.remoteTarget());
        assertEquals(List.of("<sip:proxy2.example.com;lr>"), callee.routeSet());
        assertEquals(6, callee.nextCSeq());
        SipDialog caller = byes.get(1);
        assertEquals("bTag", caller.localTag());
        assertEquals("aTag", caller.remoteTag());
        assertEquals("sip:alice@10.0.0.1:5070", caller.remoteTarget());
        assertEquals(List.of("<sip:edge.example.com;lr>"), caller.routeSet());
        assertEquals(4, caller.nextCSeq());
        assertEquals("admin", events.get(events.size() - 1).dialog().endReason());
    }

    @Test
    void byeForADialogOnlyInTheSharedStoreEndsIt() {
        inStore = Optional.of(new DialogInfo(
                "call-1",
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                "bTag",
                DialogState.ANSWERED,
                1000,
                1200,
                2000,
                0,
                null,
                null,
                "sip:alice@10.0.0.1",
                "sip:bob@10.0.0.2",
                1,
                0,
                List.of(),
                new LinkedHashSet<>()));
        tracker.onProxyEvent(request("BYE", "aTag", "bTag", 2, 9000));
        assertEquals(List.of("ended"), types());
        assertEquals("caller", events.get(0).dialog().endedBy());
        assertEquals(7000, events.get(0).dialog().durationMillis(0));
        assertEquals(1, moved.size());
    }

    @Test
    void restoreLoadsLiveDialogs() {
        inStore = Optional.of(new DialogInfo(
                "call-9",
                "a",
                "aTag",
                "b",
                "bTag",
                DialogState.ANSWERED,
                1,
                2,
                3,
                0,
                null,
                null,
                null,
                null,
                1,
                0,
                List.of(),
                new LinkedHashSet<>()));
        assertEquals(1, tracker.restore());
        assertEquals(DialogState.ANSWERED, tracker.find("call-9").orElseThrow().state());
    }

    /**
     * The proxy's SipDialogDirectory: memory first (new and in-dialog), the shared store for in-dialog requests only.
     */
    @Test
    void tracksTheDialogsItKnowsInMemoryAndAnotherNodesFromTheStore() {
        assertFalse(tracker.tracks("call-1", "aTag", null), "nothing relayed yet");
        tracker.onProxyEvent(request("INVITE", "aTag", null, 1, 1000));
        assertTrue(tracker.tracks("call-1", "aTag", null), "the new INVITE just relayed");
        tracker.onProxyEvent(response(200, "bTag", 2000, false));
        assertTrue(tracker.tracks("call-1", "bTag", "aTag"), "the callee's request");
        assertFalse(tracker.tracks("call-1", "aTag", "madeUp"), "a made-up To tag");
        assertFalse(tracker.tracks("call-2", "aTag", "bTag"));
        assertFalse(tracker.tracks(null, "aTag", "bTag"));

        inStore = Optional.of(new DialogInfo(
                "call-7",
                "sip:a@example.com",
                "xTag",
                "sip:b@example.com",
                "yTag",
                DialogState.ANSWERED,
                1,
                2,
                3,
                0,
                null,
                null,
                null,
                null,
                1,
                0,
                List.of(),
                new LinkedHashSet<>()));
        assertTrue(tracker.tracks("call-7", "yTag", "xTag"), "answered on another node");
        assertFalse(tracker.tracks("call-7", "yTag", "zTag"));
        assertFalse(tracker.tracks("call-7", "xTag", null), "a new request is not looked up in the store");
    }
}
