package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Every relayed request is accounted for: a BYE by the dialog it ends (asked before the listeners end it), a new
 * INVITE by the dialog it creates (asked after), anything else by a log line.
 */
class RelayAccountingTest {

    private final AtomicBoolean live = new AtomicBoolean();
    private final TrackedDialogs dialogs = new TrackedDialogs();

    RelayAccountingTest() {
        dialogs.add((callId, fromTag, toTag) -> live.get());
    }

    @Test
    void aByeIsAccountedForByTheDialogItEnds() throws Exception {
        live.set(true);
        assertTrue(RelayAccounting.relayed(
                RelayScopeTest.request("BYE", "sip:bob@sb.test", "sip:a@sb.test", "t"),
                List.of("sip:bob@192.0.2.5"),
                dialogs,
                () -> live.set(false)));
    }

    @Test
    void aNewInviteIsAccountedForByTheDialogItCreates() throws Exception {
        assertTrue(RelayAccounting.relayed(
                RelayScopeTest.request("INVITE", "sip:bob@sb.test", "sip:a@sb.test", null),
                List.of("sip:bob@192.0.2.5"),
                dialogs,
                () -> live.set(true)));
    }

    @Test
    void anythingElseIsLogged() throws Exception {
        assertFalse(RelayAccounting.relayed(
                RelayScopeTest.request("MESSAGE", "sip:bob@sb.test", "sip:a@sb.test", null),
                List.of("sip:bob@192.0.2.5"),
                dialogs,
                () -> {}));
        assertFalse(
                RelayAccounting.relayed(
                        RelayScopeTest.request("INFO", "sip:bob@sb.test", "sip:a@sb.test", "t"),
                        List.of("sip:bob@192.0.2.5"),
                        dialogs,
                        () -> live.set(true)),
                "a dialog that appears later");
    }
}
