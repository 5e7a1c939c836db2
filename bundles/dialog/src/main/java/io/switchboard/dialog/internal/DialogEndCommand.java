package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(
        scope = "dialog",
        name = "end",
        description = "Ends an answered call: a BYE to the caller and one to the callee")
@Service
public class DialogEndCommand implements Action {

    @Reference
    DialogService dialogs;

    @Argument(index = 0, name = "callId", description = "Call-ID of the call", required = true)
    String callId;

    @Override
    public Object execute() {
        if (dialogs.end(callId)) {
            System.out.println("BYE sent to both sides of " + callId);
        } else {
            System.out.println("No answered live call " + callId);
        }
        return null;
    }
}
