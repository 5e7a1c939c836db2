package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.store.SubscriberRemoval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemovedSubscriberCallsTest {

    /** Live dialogs, and the Call-IDs that {@link #end} was asked to end. */
    static final class Dialogs implements DialogService {

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
        final List<String> ended = new ArrayList<>();

        @Override
        public List<DialogInfo> live() {
            return List.copyOf(live);
        }

        @Override
        public List<DialogInfo> recentlyEnded() {
            return List.of();
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
            ended.add(callId);
            return live.removeIf(d -> d.callId().equals(callId));
        }
    }

    static DialogInfo call(String callId, String from, String to, DialogState state) {
        return new DialogInfo(
                callId,
                from,
                "ft",
                to,
                "tt",
                state,
                1,
                2,
                3,
                0,
                null,
                null,
                "sip:a@127.0.0.1:5070",
                "sip:b@127.0.0.1:5080",
                1,
                0,
                List.of(),
                Set.of());
    }

    @Test
    void endsTheAnsweredCallsFromAndToTheSubscriberOnlyWhenAsked() {
        Dialogs dialogs = new Dialogs();
        dialogs.live.add(call("from-alice", "sip:alice@Example.com", "sip:bob@example.com", DialogState.ANSWERED));
        dialogs.live.add(call(
                "to-alice",
                "<sip:carol@example.com>",
                "sip:alice@example.com:5060;transport=tcp",
                DialogState.ANSWERED));
        dialogs.live.add(call("ringing-alice", "sip:dave@example.com", "sip:alice@example.com", DialogState.RINGING));
        dialogs.live.add(call("bob-carol", "sip:bob@example.com", "sip:carol@example.com", DialogState.ANSWERED));
        dialogs.live.add(call("other-domain", "sip:alice@example.net", "sip:bob@example.com", DialogState.ANSWERED));
        RemovedSubscriberCalls listener = new RemovedSubscriberCalls();
        listener.dialogs = dialogs;

        listener.subscriberRemoved(new SubscriberRemoval("alice", "example.com", false));
        assertEquals(List.of(), dialogs.ended, "calls go on unless the operator asked to end them");

        listener.subscriberRemoved(new SubscriberRemoval("alice", "example.com", true));
        assertEquals(List.of("from-alice", "to-alice"), dialogs.ended);
        assertEquals(
                List.of("ringing-alice", "bob-carol", "other-domain"),
                dialogs.live().stream().map(DialogInfo::callId).toList());
    }
}
