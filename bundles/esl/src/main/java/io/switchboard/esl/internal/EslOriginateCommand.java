package io.switchboard.esl.internal;

import io.switchboard.esl.EslOriginated;
import io.switchboard.esl.EslService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code esl:originate}: places a call through FreeSWITCH (bgapi originate) and prints the new call's
 * UUID once answered, or FreeSWITCH's {@code -ERR} cause.
 */
@Command(scope = "esl", name = "originate", description = "Originates a call through FreeSWITCH; prints its UUID")
@Service
public class EslOriginateCommand implements Action {

    @Reference
    EslService esl;

    @Option(name = "-s", aliases = "--server", description = "The FreeSWITCH server (default: originate.server)")
    String server;

    @Option(name = "-v", aliases = "--var", multiValued = true, description = "A channel variable name=value")
    List<String> variables;

    @Option(name = "-t", aliases = "--timeout", description = "Seconds to wait for the answer")
    int timeout = 75;

    @Argument(index = 0, name = "callUrl", required = true, description = "e.g. sofia/external/1000@10.0.0.2")
    String callUrl;

    @Argument(index = 1, name = "destination", required = true, description = "an extension or &app(args)")
    String destination;

    @Override
    public Object execute() throws InterruptedException {
        Map<String, String> vars = new LinkedHashMap<>();
        if (variables != null) {
            for (String v : variables) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    System.err.println("a variable is name=value, not " + v);
                    return null;
                }
                vars.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        try {
            EslOriginated o = esl.originate(server, callUrl, destination, vars, Duration.ofSeconds(timeout))
                    .get(timeout + 1L, TimeUnit.SECONDS);
            System.out.println(o.uuid());
        } catch (ExecutionException e) {
            System.err.println(e.getCause().getMessage());
        } catch (TimeoutException e) {
            System.err.println("not answered within " + timeout + " s");
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
