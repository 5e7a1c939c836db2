package io.switchboard.esl.internal;

import io.switchboard.esl.EslServerStatus;
import io.switchboard.esl.EslService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code esl:servers}: the FreeSWITCH servers, their connection state and last error. */
@Command(scope = "esl", name = "servers", description = "Lists the FreeSWITCH servers and their connections")
@Service
public class EslServersCommand implements Action {

    @Reference
    EslService esl;

    @Override
    public Object execute() {
        for (EslServerStatus s : esl.servers()) {
            System.out.printf(
                    "%s %s:%d %s%s%n",
                    s.name(), s.host(), s.port(), s.state(), s.lastError() == null ? "" : " (" + s.lastError() + ")");
        }
        return null;
    }
}
