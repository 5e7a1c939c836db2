package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.CgratesService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code cgrates:sessions}: the OriginIDs of the live billed calls (GetActiveSessionIDs). */
@Command(scope = "cgrates", name = "sessions", description = "Lists the live billed calls (OriginIDs)")
@Service
public class SessionsCommand implements Action {

    @Reference
    CgratesService cgrates;

    @Override
    public Object execute() {
        List<String> ids = cgrates.activeSessions();
        ids.forEach(System.out::println);
        System.out.println(ids.size() + " billed calls");
        return null;
    }
}
