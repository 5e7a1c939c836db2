package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(
        scope = "dialog",
        name = "list",
        description = "Lists the live calls: Call-ID, state, caller, callee, post-dial delay, duration")
@Service
public class DialogListCommand implements Action {

    @Reference
    DialogService dialogs;

    @Override
    public Object execute() {
        long now = System.currentTimeMillis();
        System.out.println(String.format(
                "%-40s %-9s %-32s %-32s %8s %10s", "Call-ID", "State", "From", "To", "PDD ms", "Duration s"));
        for (DialogInfo d : dialogs.live()) {
            System.out.println(String.format(
                    "%-40s %-9s %-32s %-32s %8s %10d",
                    d.callId(),
                    d.state(),
                    d.fromUri(),
                    d.toUri(),
                    d.pddMillis() < 0 ? "-" : Long.toString(d.pddMillis()),
                    d.durationMillis(now) / 1000));
        }
        return null;
    }
}
