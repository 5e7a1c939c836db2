package io.switchboard.metrics.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code switchboard:stats}: every meter of the platform, one line per series, as Kamailio's
 * {@code kamcmd stats.get_statistics all}; the same numbers {@code /metrics} serves.
 */
@Command(scope = "switchboard", name = "stats", description = "Shows every metric of the platform (as /metrics)")
@Service
public class StatsCommand implements Action {

    @Reference
    PrometheusMeterRegistry registry;

    @Option(name = "--prefix", description = "Only the series whose name starts with this (e.g. switchboard_sip)")
    String prefix;

    @Override
    public Object execute() {
        System.out.print(StatsText.lines(registry.scrape(), prefix));
        return null;
    }
}
