package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.sca.AppearanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SCA events on the bus: one per change of an appearance's wire state, in order. */
class AppearanceEventsTest extends ScaEngineFixture {

    @Test
    void aSeizedLineThroughACallToIdle() {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@127.0.0.1:5071", 15, "<sip:example.com>;appearance-index=2", false);
        request(
                "INVITE",
                "call-1",
                "a-tag",
                null,
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@remote.net",
                "sip:a@127.0.0.1:5071",
                "<sip:example.com>;appearance-index=2",
                SENDRECV);
        response("call-1", 180, "bob-tag", null);
        response("call-1", 183, "bob-tag", null);
        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9:5090");
        request(
                "BYE",
                "call-1",
                "a-tag",
                "bob-tag",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9:5090",
                "sip:a@127.0.0.1:5071",
                null,
                null);
        assertEquals(List.of("seized", "progressing", "active", "idle"), states(), "a 183 changes no state");
        Map<?, ?> active = attributes(2);
        assertEquals(LINE, active.get("aor"));
        assertEquals(2, active.get("index"));
        assertEquals("sip:a@127.0.0.1:5071", active.get("owner"));
        assertEquals("call-1", active.get("call_id"));
        assertEquals("SCA", published.get(0).get("type"));
        assertEquals(null, attributes(0).get("call_id"), "a seized appearance has no call yet");
    }

    @Test
    void operationsPublishTooAndAnExpiredSeizeGoesIdle() throws Exception {
        sca.update(LINE, 1, AppearanceState.HELD, "sip:carol@example.com");
        sca.release(LINE, 1);
        subscribe("line-seize", "ls-b", "sip:b@127.0.0.1:5072", 15, "<sip:example.com>;appearance-index=0", false);
        subscribe("line-seize", "ls-b", "sip:b@127.0.0.1:5072", 0, null, true);
        // sca:update of an idle index seizes it first, then sets the state: two events (the phones get one NOTIFY)
        assertEquals(List.of("seized", "held", "idle", "seized", "idle"), states());
        assertEquals(null, attributes(1).get("owner"), "an operation has no device");
        assertEquals(1, attributes(3).get("index"), "the lowest free index");
    }

    private List<String> states() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            out.add((String) attributes(i).get("state"));
        }
        return out;
    }

    private Map<?, ?> attributes(int i) {
        return (Map<?, ?>) published.get(i).get("attributes");
    }
}
