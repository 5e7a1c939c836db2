package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell and REST operations (ScaOperations): each change NOTIFYs the line as the SIP path does. */
class ScaOperationsTest extends ScaEngineFixture {

    @Test
    void operationsNotifyTheGroup() throws ScaException {
        membersSubscribe();
        assertEquals(1, sca.seize(LINE, "sip:a@h").index());
        assertEquals(3, layer.callInfoNotifies().size());
        layer.sent.clear();
        sca.update("sip:215@example.com", 1, AppearanceState.ACTIVE, "\"Bob\" <sip:bob@x>");
        assertTrue(layer.callInfoNotifies()
                .get(0)
                .contains("appearance-state=active;appearance-uri=\"\\\"Bob\\\" <sip:bob@x>\""));
        layer.sent.clear();
        sca.release(LINE, 1);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertEquals(
                404,
                assertThrows(ScaException.class, () -> sca.release(LINE, 1)).status());
        assertEquals(
                400,
                assertThrows(ScaException.class, () -> sca.seize("nobody", "sip:a@h"))
                        .status());
        sca.seize(LINE, "sip:a@h");
        sca.seize(LINE, "sip:a@h");
        sca.seize(LINE, "sip:a@h");
        assertEquals(
                409,
                assertThrows(ScaException.class, () -> sca.seize(LINE, "sip:a@h"))
                        .status());
        assertTrue(sca.deactivate("ci-b"));
        assertEquals(
                "terminated;reason=deactivated",
                layer.sent.get(layer.sent.size() - 1).state());
    }

    @Test
    void deactivatingALineSeizeFreesItsStillSeizedAppearance() {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@h", 15, "<sip:example.com>;appearance-index=1", false);
        layer.sent.clear();
        assertTrue(sca.deactivate("ls-a"));
        assertEquals("terminated;reason=deactivated", layer.sent.get(0).state());
        assertEquals(
                "<sip:example.com>;appearance-index=1",
                layer.sent.get(0).body().headers().get("Call-Info"));
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertTrue(sca.appearances().isEmpty());
        assertFalse(sca.deactivate("ls-a"));
    }

    @Test
    void releasingALineSeizedAppearanceEndsItsLineSeize() throws ScaException {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@h", 15, "<sip:example.com>;appearance-index=1", false);
        layer.sent.clear();
        sca.release(LINE, 1);
        assertEquals("terminated;reason=noresource", layer.sent.get(0).state());
        assertEquals(
                "<sip:example.com>;appearance-index=1",
                layer.sent.get(0).body().headers().get("Call-Info"));
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertFalse(layer.subs.containsKey("ls-a"));
    }
}
