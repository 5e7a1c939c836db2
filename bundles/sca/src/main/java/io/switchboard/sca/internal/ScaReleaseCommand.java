package io.switchboard.sca.internal;

import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sca:release AOR INDEX} (Kamailio's sca.release_appearance). */
@Command(scope = "sca", name = "release", description = "Releases an appearance (idle) and NOTIFYs the line")
@Service
public class ScaReleaseCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(index = 0, name = "aor", description = "user@domain of the shared line", required = true)
    String aor;

    @Argument(index = 1, name = "index", description = "appearance index", required = true)
    int index;

    @Override
    public Object execute() {
        try {
            sca.release(aor, index);
            System.out.println("released " + aor + " " + index);
        } catch (ScaException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
