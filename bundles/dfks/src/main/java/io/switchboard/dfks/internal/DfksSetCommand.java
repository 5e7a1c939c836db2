package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code dfks:set USER@DOMAIN FEATURE STATUS [forwardTo/URI] [ringCount/N]}: OpenSIPS's MI
 * {@code dfks_set_feature}. Runs the set route and NOTIFYs every device of the user.
 */
@Command(
        scope = "dfks",
        name = "set",
        description = "Sets a DFKS feature through the set route and NOTIFYs every subscribed device of the user")
@Service
public class DfksSetCommand implements Action {

    @Reference
    DfksService dfks;

    @Argument(index = 0, name = "presentity", description = "user@domain or sip:user@domain", required = true)
    String presentity;

    @Argument(
            index = 1,
            name = "feature",
            description =
                    "DoNotDisturb, CallForwardingAlways, CallForwardingBusy, CallForwardingNoAnswer (or dnd, cfa, cfb,"
                            + " cfna)",
            required = true)
    String feature;

    @Argument(index = 2, name = "status", description = "1/0, on/off, true/false", required = true)
    String status;

    @Argument(index = 3, name = "values", description = "forwardTo/<target> and ringCount/<n>", multiValued = true)
    List<String> values;

    @Option(name = "--param", description = "free text handed to the set route as header DfksParam")
    String param;

    @Override
    public Object execute() throws Exception {
        String[] ud = split(presentity);
        try {
            Feature f = Feature.parse(feature);
            boolean on = parseStatus(status);
            String forwardTo = null;
            Integer rings = null;
            if (values != null) {
                for (String v : values) {
                    int slash = v.indexOf('/');
                    String field = slash < 0 ? v : v.substring(0, slash);
                    String value = slash < 0 ? "" : v.substring(slash + 1);
                    switch (field) {
                        case "forwardTo" -> forwardTo = value;
                        case "ringCount" -> rings = Integer.valueOf(value);
                        default ->
                            throw new IllegalArgumentException(
                                    "Unknown value field '" + field + "': use forwardTo/<target> or ringCount/<n>");
                    }
                }
            }
            FeatureState s = dfks.set(ud[0], ud[1], f, on, forwardTo, rings, "shell", param);
            System.out.println(
                    "Set " + format(s) + "; NOTIFY to " + dfks.subscriptions(ud[0], ud[1]) + " subscriptions");
        } catch (DfksException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            System.out.println("Error 400: " + e.getMessage());
        }
        return null;
    }

    static boolean parseStatus(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "1", "on", "true", "yes" -> true;
            case "0", "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("status must be 1/0, on/off or true/false: " + s);
        };
    }

    static String[] split(String presentity) {
        String p = presentity.trim();
        if (p.regionMatches(true, 0, "sip:", 0, 4)) {
            p = p.substring(4);
        }
        int at = p.indexOf('@');
        if (at <= 0 || at == p.length() - 1) {
            throw new IllegalArgumentException("presentity must be user@domain: " + presentity);
        }
        return new String[] {p.substring(0, at), p.substring(at + 1).toLowerCase(Locale.ROOT)};
    }

    static String format(FeatureState s) {
        StringBuilder sb = new StringBuilder(s.feature().name()).append(' ').append(s.status() ? "on" : "off");
        if (s.forwardTo() != null) {
            sb.append(" forwardTo=").append(s.forwardTo());
        }
        if (s.ringCount() != null) {
            sb.append(" ringCount=").append(s.ringCount());
        }
        return sb.toString();
    }
}
