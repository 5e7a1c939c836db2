package io.switchboard.esl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events and filters one inbound socket must have: the union of what its server's settings and every consumer
 * asked for, sent again after each reconnection. Two rules of mod_event_socket shape the commands (esl.md §9): every
 * name after {@code CUSTOM} is read as a subclass, so custom subclasses go last; and filters gate BACKGROUND_JOB
 * events too, so when there is any filter one for BACKGROUND_JOB is added, or bgapi results would never arrive.
 * BACKGROUND_JOB is always subscribed, for the same reason.
 */
final class Subscriptions {

    private final Set<String> events = new LinkedHashSet<>(List.of("BACKGROUND_JOB"));
    private final List<String[]> filters = new ArrayList<>();

    /** Adds; answers the event names that were new. */
    synchronized Set<String> add(Set<String> names, List<String[]> more) {
        Set<String> added = new LinkedHashSet<>();
        for (String n : names) {
            if (events.add(n)) {
                added.add(n);
            }
        }
        for (String[] f : more) {
            if (filters.stream().noneMatch(g -> Arrays.equals(f, g))) {
                filters.add(f);
            }
        }
        return added;
    }

    /** The {@code event} command for these names. */
    EslCommand eventCommand(String format, Set<String> names) {
        StringBuilder sb = new StringBuilder("event ").append(format);
        if (names.contains("ALL")) {
            return EslCommand.of(sb.append(" ALL").toString());
        }
        List<String> subclasses = new ArrayList<>();
        boolean custom = false;
        for (String n : names) {
            if (n.contains("::")) {
                subclasses.add(n);
            } else if (n.equals("CUSTOM")) {
                custom = true;
            } else {
                sb.append(' ').append(n);
            }
        }
        if (custom || !subclasses.isEmpty()) {
            sb.append(" CUSTOM");
            subclasses.forEach(s -> sb.append(' ').append(s));
        }
        return EslCommand.of(sb.toString());
    }

    /** Every command that restores the subscriptions on a new socket. */
    synchronized List<EslCommand> commands(String format) {
        List<EslCommand> out = new ArrayList<>();
        out.add(eventCommand(format, events));
        for (String[] f : filters) {
            out.add(EslCommand.of("filter " + f[0] + " " + f[1]));
        }
        if (!filters.isEmpty()) {
            out.add(EslCommand.of("filter Event-Name BACKGROUND_JOB"));
        }
        return out;
    }
}
