package io.switchboard.sip.internal;

import io.switchboard.sip.SipStatistics;
import io.switchboard.sip.SipStatisticsProvider;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sip:status}: one line per running SIP connector with its counters. */
@Command(scope = "sip", name = "status", description = "Shows the running SIP connectors and their message counters")
@Service
public class SipStatusCommand implements Action {

    @Reference
    SipStatisticsProvider provider;

    @Override
    public Object execute() {
        System.out.print(format(provider.statistics()));
        return null;
    }

    static String format(List<SipStatistics> connectors) {
        if (connectors.isEmpty()) {
            return "No SIP connector is running\n";
        }
        StringBuilder sb = new StringBuilder();
        for (SipStatistics s : connectors) {
            sb.append(s.address())
                    .append(' ')
                    .append(String.join(",", s.transports()))
                    .append(" requestsReceived=")
                    .append(s.requestsReceived())
                    .append(" responsesSent=")
                    .append(s.responsesSent())
                    .append(" requestsSent=")
                    .append(s.requestsSent())
                    .append(" responsesReceived=")
                    .append(s.responsesReceived())
                    .append(" malformed=")
                    .append(s.malformedMessages())
                    .append(" dropped=")
                    .append(s.droppedRequests())
                    .append('\n');
        }
        return sb.toString();
    }
}
