package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.CgratesService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code cgrates:outbox-retry ID}: sends a failed or waiting row now. */
@Command(scope = "cgrates", name = "outbox-retry", description = "Sends an undelivered outbox row now")
@Service
public class OutboxRetryCommand implements Action {

    @Reference
    CgratesService cgrates;

    @Argument(index = 0, name = "id", required = true, description = "the row id (cgrates:outbox)")
    long id;

    @Override
    public Object execute() {
        System.out.println(cgrates.retry(id) ? "row " + id + " due now" : "no undelivered row " + id);
        return null;
    }
}
