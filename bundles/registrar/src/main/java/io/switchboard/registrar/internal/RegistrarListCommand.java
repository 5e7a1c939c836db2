package io.switchboard.registrar.internal;

import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code registrar:list}: one line per registered contact. */
@Command(
        scope = "registrar",
        name = "list",
        description = "Lists the registered contacts: AoR, contact, expires in, user agent, source")
@Service
public class RegistrarListCommand implements Action {

    @Reference
    LocationService location;

    @Override
    public Object execute() {
        System.out.print(format(location.all(), System.currentTimeMillis()));
        return null;
    }

    static String format(Map<String, List<ContactBinding>> all, long now) {
        if (all.isEmpty()) {
            return "No registration\n";
        }
        StringBuilder sb = new StringBuilder(
                String.format("%-32s %-48s %8s  %-24s %s%n", "AoR", "Contact", "Expires", "User-Agent", "Source"));
        for (List<ContactBinding> l : all.values()) {
            for (ContactBinding b : l) {
                sb.append(String.format(
                        "%-32s %-48s %7ds  %-24s %s%n",
                        b.aor(), b.uri(), b.expiresIn(now), b.userAgent() == null ? "-" : b.userAgent(), b.source()));
            }
        }
        return sb.toString();
    }
}
