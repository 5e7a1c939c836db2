package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subscription commands of esl.md §3 and §9: CUSTOM subclasses last, BACKGROUND_JOB always and in the filters. */
class SubscriptionsTest {

    @Test
    void customSubclassesGoLastAndBackgroundJobIsAlwaysThere() {
        Subscriptions s = new Subscriptions();
        s.add(ServerDefinition.eventNames("sofia::register, channel_answer DTMF"), List.of());
        List<String> lines = s.commands("plain").stream().map(EslCommand::line).toList();
        assertEquals(List.of("event plain BACKGROUND_JOB CHANNEL_ANSWER DTMF CUSTOM sofia::register"), lines);
    }

    @Test
    void allWinsAndFiltersBringTheirBackgroundJobFilter() {
        Subscriptions s = new Subscriptions();
        assertEquals(Set.of("ALL"), s.add(Set.of("ALL"), ServerDefinition.filters("Unique-ID abc; Event-Name DTMF")));
        assertEquals(Set.of(), s.add(Set.of("ALL"), ServerDefinition.filters("Unique-ID abc")), "nothing new");
        List<String> lines = s.commands("json").stream().map(EslCommand::line).toList();
        assertEquals(
                List.of(
                        "event json ALL",
                        "filter Unique-ID abc",
                        "filter Event-Name DTMF",
                        "filter Event-Name BACKGROUND_JOB"),
                lines);
        assertThrows(IllegalArgumentException.class, () -> ServerDefinition.filters("OnlyAHeader"));
    }
}
