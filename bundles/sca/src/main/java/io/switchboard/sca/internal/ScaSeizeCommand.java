package io.switchboard.sca.internal;

import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sca:seize AOR CONTACT} (Kamailio's sca.seize_appearance): next free index, NOTIFYs the line. */
@Command(
        scope = "sca",
        name = "seize",
        description = "Seizes the next free appearance of a shared line for a device and NOTIFYs the line")
@Service
public class ScaSeizeCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(index = 0, name = "aor", description = "user@domain of the shared line", required = true)
    String aor;

    @Argument(index = 1, name = "contact", description = "Contact URI of the device that seizes", required = true)
    String contact;

    @Override
    public Object execute() {
        try {
            System.out.println(ScaCommands.format(sca.seize(aor, contact)));
        } catch (ScaException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
