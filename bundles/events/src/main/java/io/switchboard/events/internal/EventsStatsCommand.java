package io.switchboard.events.internal;

import io.switchboard.events.EventStatistics;
import io.switchboard.events.internal.push.PushService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code events:stats}: the bus's counters. */
@Command(scope = "events", name = "stats", description = "Shows the event bus counters")
@Service
public class EventsStatsCommand implements Action {

    @Reference
    EventBusService service;

    /** The RFC 8599 pushes (same bundle, always there; optional so the command never waits for it). */
    @Reference(optional = true)
    PushService push;

    @Override
    public Object execute() {
        EventStatistics s = service.statistics();
        System.out.printf(
                "published=%d delivered=%d dropped=%d timedOut=%d subscriptions=%d waiting=%d%n",
                s.published(), s.delivered(), s.dropped(), s.timedOut(), s.subscriptions(), s.waiting());
        if (push != null) {
            System.out.printf(
                    "push=%s pushSent=%d pushFailed=%d%n", push.enabled() ? "on" : "off", push.sent(), push.failed());
        }
        return null;
    }
}
