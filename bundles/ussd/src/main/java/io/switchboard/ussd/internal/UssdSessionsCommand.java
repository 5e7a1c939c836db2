package io.switchboard.ussd.internal;

import io.switchboard.ussd.UssdService;
import io.switchboard.ussd.UssdSessionInfo;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ussd:sessions}: the live USSD sessions. */
@Command(scope = "ussd", name = "sessions", description = "Lists the live USSD sessions")
@Service
public class UssdSessionsCommand implements Action {

    @Reference
    UssdService ussd;

    @Override
    public Object execute() {
        List<UssdSessionInfo> all = ussd.sessions();
        StringBuilder sb = new StringBuilder();
        for (UssdSessionInfo s : all) {
            sb.append(String.format(
                    "%s %s %s %s state=%s step=%d idle=%ds%n",
                    s.id(), s.direction(), s.subscriber(), s.ussdString(), s.state(), s.step(), s.idleMillis() / 1000));
        }
        sb.append(all.size()).append(" USSD sessions\n");
        System.out.print(sb);
        return null;
    }
}
