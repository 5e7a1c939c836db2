package io.switchboard.esl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One FreeSWITCH server to connect to: from a file {@code etc/io.switchboard.esl.server-<name>.cfg}, or from an
 * endpoint URI's {@code host}/{@code port}/{@code password}.
 *
 * @param name     the name endpoints use ({@code server=...})
 * @param host     host
 * @param port     Event Socket port
 * @param password Event Socket password
 * @param events   events always subscribed (the routes' are added)
 * @param format   plain, json or xml
 * @param filters  socket filters, each {header, value}
 */
public record ServerDefinition(
        String name,
        String host,
        int port,
        String password,
        Set<String> events,
        String format,
        List<String[]> filters) {

    public ServerDefinition {
        events = Set.copyOf(events);
        filters = List.copyOf(filters);
        format = format.toLowerCase(Locale.ROOT);
        if (!Set.of("plain", "json", "xml").contains(format)) {
            throw new IllegalArgumentException("format must be plain, json or xml, not " + format);
        }
    }

    /** A server with no events or filters of its own. */
    public static ServerDefinition of(String name, String host, int port, String password) {
        return new ServerDefinition(name, host, port, password, Set.of(), "plain", List.of());
    }

    static ServerDefinition of(String name, EslServerSettings s) {
        return new ServerDefinition(
                name, s.host(), s.port(), s.password(), eventNames(s.events()), s.format(), filters(s.filters()));
    }

    /** Event names of a list separated by spaces or commas, upper case (CUSTOM subclasses as written). */
    static Set<String> eventNames(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null) {
            return out;
        }
        for (String t : list.split("[\\s,]+")) {
            if (!t.isEmpty()) {
                out.add(t.contains("::") ? t : t.toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Filters {@code Header value;Header value}: each a header and the value it must have. */
    static List<String[]> filters(String list) {
        List<String[]> out = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String f : list.split(";")) {
            String t = f.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] hv = t.split("\\s+", 2);
            if (hv.length != 2) {
                throw new IllegalArgumentException("a filter is 'Header value', not '" + t + "'");
            }
            out.add(hv);
        }
        return out;
    }

    /** Where it is, for log lines: {@code name (host:port)}. */
    String where() {
        return name + " (" + host + ":" + port + ")";
    }

    @Override
    public String toString() {
        return "ServerDefinition[" + where() + " format=" + format + " events=" + events + " filters="
                + filters.stream().map(Arrays::toString).toList() + "]";
    }
}
