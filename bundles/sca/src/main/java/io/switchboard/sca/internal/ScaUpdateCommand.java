package io.switchboard.sca.internal;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sca:update AOR INDEX STATE [DISPLAY]} (Kamailio's sca.update_appearance). */
@Command(
        scope = "sca",
        name = "update",
        description = "Sets the state (and display URI) of an appearance and NOTIFYs the line")
@Service
public class ScaUpdateCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(index = 0, name = "aor", description = "user@domain of the shared line", required = true)
    String aor;

    @Argument(index = 1, name = "index", description = "appearance index (1, 2, ...)", required = true)
    int index;

    @Argument(
            index = 2,
            name = "state",
            description = "idle, seized, progressing, alerting (or ringing), active, held, held-private",
            required = true)
    String state;

    @Argument(index = 3, name = "display", description = "the remote party shown (appearance-uri)")
    String display;

    @Override
    public Object execute() {
        try {
            AppearanceState s = AppearanceState.parse(state);
            System.out.println(ScaCommands.format(sca.update(aor, index, s, display)));
        } catch (IllegalArgumentException e) {
            System.out.println("Error 400: " + e.getMessage());
        } catch (ScaException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
