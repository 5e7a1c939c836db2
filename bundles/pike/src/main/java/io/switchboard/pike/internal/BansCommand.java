package io.switchboard.pike.internal;

import io.switchboard.pike.Ban;
import io.switchboard.pike.SourceBans;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pike:bans [--clear]}: the banned sources, or lifts every ban. */
@Command(
        scope = "pike",
        name = "bans",
        description =
                "Lists the banned sources (address, cause, seconds left, requests refused, why); --clear lifts all")
@Service
public class BansCommand implements Action {

    @Reference
    SourceBans bans;

    @Option(name = "--clear", description = "Lift every ban")
    boolean clear;

    @Override
    public Object execute() {
        if (clear) {
            System.out.println(bans.clearBans() + " bans lifted");
            return null;
        }
        System.out.print(format(bans.bans(), System.currentTimeMillis()));
        return null;
    }

    static String format(List<Ban> list, long now) {
        if (list.isEmpty()) {
            return "No ban\n";
        }
        StringBuilder sb = new StringBuilder(
                String.format("%-40s %-14s %8s %8s  %s%n", "Source", "Cause", "Left", "Refused", "Why"));
        for (Ban b : list) {
            sb.append(String.format(
                    "%-40s %-14s %7ds %8d  %s%n",
                    b.address(), b.cause(), Math.max(0, (b.expiresAt() - now + 999) / 1000), b.refused(), b.detail()));
        }
        return sb.toString();
    }
}
