package io.switchboard.pike.internal;

import io.switchboard.pike.SourceBans;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pike:failures [--clear]}: failed authentications in the window, per source and per user. */
@Command(
        scope = "pike",
        name = "failures",
        description = "Lists the failed authentications counted per source and per user; --clear forgets them")
@Service
public class FailuresCommand implements Action {

    @Reference
    SourceBans bans;

    @Option(name = "--clear", description = "Forget every failure counted")
    boolean clear;

    @Override
    public Object execute() {
        if (clear) {
            System.out.println(bans.clearFailures() + " counters cleared");
            return null;
        }
        System.out.print(format(bans.failuresBySource(), bans.failuresByUser()));
        return null;
    }

    static String format(Map<String, Integer> bySource, Map<String, Integer> byUser) {
        if (bySource.isEmpty() && byUser.isEmpty()) {
            return "No failed authentication\n";
        }
        StringBuilder sb = new StringBuilder(String.format("%-8s %-48s %s%n", "Kind", "Source or user", "Failures"));
        bySource.forEach((k, v) -> sb.append(String.format("%-8s %-48s %d%n", "source", k, v)));
        byUser.forEach((k, v) -> sb.append(String.format("%-8s %-48s %d%n", "user", k, v)));
        return sb.toString();
    }
}
