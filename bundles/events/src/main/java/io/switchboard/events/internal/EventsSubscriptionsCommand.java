package io.switchboard.events.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code events:subscriptions}: live subscriptions, the routes suspended in events:wait among them. */
@Command(scope = "events", name = "subscriptions", description = "Lists the event subscriptions and waiting routes")
@Service
public class EventsSubscriptionsCommand implements Action {

    @Reference
    EventBusService service;

    @Override
    public Object execute() {
        System.out.print(EventsListing.text(service.bus().live(), System.currentTimeMillis()));
        return null;
    }
}
