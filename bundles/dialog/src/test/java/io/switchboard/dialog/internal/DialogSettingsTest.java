package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.dialog: names and defaults; a bad value is logged and the previous one kept. */
class DialogSettingsTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<DialogSettings> reader = DialogComponent.reader(log::add);

    @Test
    void defaultsAndNames() {
        DialogSettings d = reader.read(Map.of());
        assertEquals("seda:dialog-events?discardIfNoConsumers=true", d.events_endpoint());
        assertEquals("{{sip.listener}}", d.bye_endpoint(), "the listener of the default routes");
        DialogSettings s = reader.read(Map.of("events.endpoint", "seda:cdr", "bye.endpoint", "sip:127.0.0.1:5070"));
        assertEquals("seda:cdr", s.events_endpoint());
        assertEquals("sip:127.0.0.1:5070", s.bye_endpoint());
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("events.endpoint", "seda:cdr"));
        DialogSettings s = reader.read(Map.of("events.endpoint", "dialog-events"));
        assertEquals("seda:cdr", s.events_endpoint());
        assertEquals(
                List.of("io.switchboard.dialog: events.endpoint = 'dialog-events' rejected (not an endpoint URI "
                        + "(scheme:... or {{property}})); keeping seda:cdr"),
                log);
    }
}
