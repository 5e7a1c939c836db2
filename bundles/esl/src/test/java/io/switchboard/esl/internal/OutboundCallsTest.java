package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A call whose socket closed is told from a UUID that was never a call here (the hang-up race of a route's step). */
class OutboundCallsTest {

    @Test
    void aCallThatWasLiveHereHasEndedOnceItsSessionIsRemoved() {
        OutboundCalls calls = new OutboundCalls();
        OutboundSession s = new OutboundSession(null);
        calls.add("u1", s);
        assertFalse(calls.hasEnded("u1"));
        calls.remove("u1", s);
        assertNull(calls.get("u1"));
        assertTrue(calls.hasEnded("u1"));
        assertFalse(calls.hasEnded("never-here"));
        assertFalse(calls.hasEnded(null));
    }

    @Test
    void removingAnotherSessionOfTheUuidEndsNothing() {
        OutboundCalls calls = new OutboundCalls();
        calls.add("u1", new OutboundSession(null));
        calls.remove("u1", new OutboundSession(null));
        assertFalse(calls.hasEnded("u1"));
    }

    @Test
    void onlyTheLastEndedCallsAreRemembered() {
        OutboundCalls calls = new OutboundCalls();
        for (int i = 0; i <= OutboundCalls.ENDED_REMEMBERED; i++) {
            OutboundSession s = new OutboundSession(null);
            calls.add("u" + i, s);
            calls.remove("u" + i, s);
        }
        assertFalse(calls.hasEnded("u0"), "the oldest is forgotten");
        assertTrue(calls.hasEnded("u1"));
        assertTrue(calls.hasEnded("u" + OutboundCalls.ENDED_REMEMBERED));
    }
}
