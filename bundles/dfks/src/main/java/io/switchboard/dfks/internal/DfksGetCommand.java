package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.FeatureState;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code dfks:get USER@DOMAIN}: the user's features, read through the get route. */
@Command(
        scope = "dfks",
        name = "get",
        description = "Shows a user's DND and call forwarding features (through the get route)")
@Service
public class DfksGetCommand implements Action {

    @Reference
    DfksService dfks;

    @Argument(index = 0, name = "presentity", description = "user@domain or sip:user@domain", required = true)
    String presentity;

    @Override
    public Object execute() throws Exception {
        String[] ud = DfksSetCommand.split(presentity);
        try {
            StringBuilder sb = new StringBuilder();
            for (FeatureState s : dfks.get(ud[0], ud[1])) {
                sb.append(DfksSetCommand.format(s)).append('\n');
            }
            sb.append(dfks.subscriptions(ud[0], ud[1])).append(" subscriptions\n");
            System.out.print(sb);
        } catch (DfksException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
