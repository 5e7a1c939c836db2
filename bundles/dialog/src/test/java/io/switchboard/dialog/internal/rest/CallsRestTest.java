package io.switchboard.dialog.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.http.RestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallsRestTest {

    private static final long T0 = 1_790_000_000_000L; // 2026-09-21T...Z

    static DialogInfo dialog(
            String callId, DialogState state, long ringing, long answered, long ended, String reason, String by) {
        return new DialogInfo(
                callId,
                "sip:alice@example.com",
                "ft",
                "sip:bob@example.com",
                answered == 0 ? null : "tt",
                state,
                T0,
                ringing,
                answered,
                ended,
                reason,
                by,
                "sip:alice@127.0.0.1:5070",
                "sip:bob@127.0.0.1:5080",
                1,
                0,
                List.of(),
                Set.of());
    }

    @Test
    void answeredCallAsJson() {
        Map<String, Object> m =
                CallsJson.call(dialog("c1", DialogState.ANSWERED, T0 + 250, T0 + 1000, 0, null, null), T0 + 4500);
        assertEquals("c1", m.get("callId"));
        assertEquals("sip:alice@example.com", m.get("from"));
        assertEquals("sip:bob@example.com", m.get("to"));
        assertEquals("ANSWERED", m.get("state"));
        assertEquals(Instant.ofEpochMilli(T0).toString(), m.get("createdAt"));
        assertEquals(Instant.ofEpochMilli(T0 + 1000).toString(), m.get("answeredAt"));
        assertEquals(250L, m.get("pddMillis"));
        assertEquals(3L, m.get("durationSeconds"));
        assertEquals(3500L, m.get("durationMillis"));
        assertFalse(m.containsKey("endReason"));
    }

    @Test
    void unansweredAndEndedCalls() {
        Map<String, Object> created = CallsJson.call(dialog("c2", DialogState.CREATED, 0, 0, 0, null, null), T0 + 100);
        assertNull(created.get("ringingAt"));
        assertNull(created.get("pddMillis"));
        assertEquals(0L, created.get("durationSeconds"));
        Map<String, Object> ended = CallsJson.call(
                dialog("c3", DialogState.ENDED, T0 + 10, T0 + 20, T0 + 10_020, "admin", "operator"), T0 + 99_000);
        assertEquals(10L, ended.get("durationSeconds"));
        assertEquals("admin", ended.get("endReason"));
        assertEquals("operator", ended.get("endedBy"));
        assertTrue(((String) ended.get("endedAt")).endsWith("Z"));
    }

    @Test
    void endOnlyAnsweredCalls() {
        FakeDialogs fake = new FakeDialogs();
        CallsRestRoutes routes = new CallsRestRoutes();
        routes.dialogs = fake;
        assertEquals(
                404, assertThrows(RestException.class, () -> routes.end("nope")).status());
        fake.live.add(dialog("ringing", DialogState.RINGING, T0 + 5, 0, 0, null, null));
        RestException notAnswered = assertThrows(RestException.class, () -> routes.end("ringing"));
        assertEquals(409, notAnswered.status());
        assertTrue(fake.ended.isEmpty(), "no BYE for a call that is not answered");
        fake.live.add(dialog("talking", DialogState.ANSWERED, T0 + 5, T0 + 10, 0, null, null));
        Map<String, Object> body = routes.end("talking");
        assertEquals(List.of("talking"), fake.ended);
        assertEquals("ENDED", body.get("state"));
        assertEquals("admin", body.get("endReason"));
    }

    /** A DialogService that records what is ended. */
    static final class FakeDialogs implements DialogService {

        @Override
        public void declined(
                String callId, String fromUri, String fromTag, String toUri, String endReason, String feature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void feature(String callId, String decision) {
            throw new UnsupportedOperationException();
        }

        final List<DialogInfo> live = new ArrayList<>();
        final List<DialogInfo> done = new ArrayList<>();
        final List<String> ended = new ArrayList<>();

        @Override
        public List<DialogInfo> live() {
            return live;
        }

        @Override
        public List<DialogInfo> recentlyEnded() {
            return done;
        }

        @Override
        public Optional<DialogInfo> find(String callId) {
            return live.stream().filter(d -> d.callId().equals(callId)).findFirst();
        }

        @Override
        public boolean isKnown(String callId, String fromTag, String toTag) {
            return false;
        }

        @Override
        public boolean addToProfile(String callId, String profile) {
            return false;
        }

        @Override
        public int profileSize(String profile) {
            return 0;
        }

        @Override
        public boolean end(String callId) {
            Optional<DialogInfo> d = find(callId);
            if (d.isEmpty() || d.get().state() != DialogState.ANSWERED) {
                return false;
            }
            ended.add(callId);
            live.remove(d.get());
            DialogInfo x = d.get();
            done.add(new DialogInfo(
                    x.callId(),
                    x.fromUri(),
                    x.fromTag(),
                    x.toUri(),
                    x.toTag(),
                    DialogState.ENDED,
                    x.createdAt(),
                    x.ringingAt(),
                    x.answeredAt(),
                    x.answeredAt() + 1000,
                    "admin",
                    "operator",
                    x.callerContact(),
                    x.calleeContact(),
                    x.callerCSeq(),
                    x.calleeCSeq(),
                    x.recordRoute(),
                    x.profiles()));
            return true;
        }
    }
}
