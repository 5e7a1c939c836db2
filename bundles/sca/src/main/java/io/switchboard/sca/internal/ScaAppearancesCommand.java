package io.switchboard.sca.internal;

import io.switchboard.sca.Appearance;
import io.switchboard.sca.ScaService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sca:appearances [AOR]} (Kamailio's sca.all_appearances / sca.show_appearance): non-idle only. */
@Command(
        scope = "sca",
        name = "appearances",
        description = "Lists the appearances that are not idle (of every line, or of one)")
@Service
public class ScaAppearancesCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(index = 0, name = "aor", description = "user@domain of a shared line (default: every line)")
    String aor;

    @Override
    public Object execute() {
        List<Appearance> list;
        try {
            list = aor == null ? sca.appearances() : sca.appearances(aor);
        } catch (IllegalArgumentException e) {
            System.out.println("Error 400: " + e.getMessage());
            return null;
        }
        for (Appearance a : list) {
            System.out.println(ScaCommands.format(a));
        }
        System.out.println(list.size() + " appearances in use");
        return null;
    }
}
