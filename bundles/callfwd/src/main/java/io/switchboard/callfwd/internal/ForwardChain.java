package io.switchboard.callfwd.internal;

import io.switchboard.callfwd.ForwardCause;
import io.switchboard.sip.SipAddresses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The forwards of one call: the History-Info entries (RFC 7044) it arrived with plus ours, each forward an entry
 * whose URI carries the RFC 4458 {@code cause} and whose index is a child of the entry it was retargeted from
 * ({@code mp}); the Diversion values (RFC 5806), newest first. The users already reached tell a cycle (A→B→A) and
 * the entries with a cause count the forwards, across platforms that keep History-Info too.
 */
final class ForwardChain {

    private final List<String> history = new ArrayList<>();
    private final List<String> diversions = new ArrayList<>();
    private final Set<String> reached = new LinkedHashSet<>();
    private String lastIndex;
    private int forwards;

    /**
     * @param requestUri  the Request-URI the call arrived with (the first entry when there is no History-Info)
     * @param historyInfo the History-Info values of the request, in order (each may hold several entries)
     * @param diversion   the Diversion values of the request, in order
     */
    ForwardChain(String requestUri, List<String> historyInfo, List<String> diversion) {
        for (String value : historyInfo) {
            for (String entry : split(value)) {
                history.add(entry);
                String uri = uriOf(entry);
                String aor = SipAddresses.aor(uri);
                if (aor != null) {
                    reached.add(aor);
                }
                if (uri != null && uri.toLowerCase(Locale.ROOT).contains(";cause=")) {
                    forwards++;
                }
                String idx = param(entry, "index");
                if (idx != null) {
                    lastIndex = idx;
                }
            }
        }
        if (history.isEmpty()) {
            history.add("<" + requestUri + ">;index=1");
            lastIndex = "1";
        } else if (lastIndex == null) {
            lastIndex = "1";
        }
        String aor = SipAddresses.aor(requestUri);
        if (aor != null) {
            reached.add(aor);
        }
        for (String value : diversion) {
            diversions.addAll(split(value));
        }
    }

    /** True when {@code aor} (user@domain) was reached already in this call: forwarding there closes a cycle. */
    boolean reached(String aor) {
        return aor != null && reached.contains(aor);
    }

    /** Forwards so far, those the call arrived with included. */
    int forwards() {
        return forwards;
    }

    /** The users reached, in order, joined by arrows (for the answer to a loop). */
    String path(String next) {
        return String.join(" -> ", reached) + " -> " + next;
    }

    /** Records a forward of {@code fromUri} (the diverting user) to {@code target} for {@code cause}. */
    void forward(String fromUri, String target, ForwardCause cause) {
        String index = lastIndex + ".1";
        history.add("<" + withCause(target, cause.cause()) + ">;index=" + index + ";mp=" + lastIndex);
        lastIndex = index;
        forwards++;
        String aor = SipAddresses.aor(target);
        if (aor != null) {
            reached.add(aor);
        }
        diversions.add(0, "<" + fromUri + ">;reason=" + cause.diversionReason() + ";counter=1");
    }

    /** The History-Info values of the forwarded INVITE, one entry each, oldest first. */
    List<String> historyInfo() {
        return List.copyOf(history);
    }

    /** The Diversion values of the forwarded INVITE, newest first. */
    List<String> diversions() {
        return List.copyOf(diversions);
    }

    /** {@code uri} with the RFC 4458 {@code cause} URI parameter (replacing one it had), before any headers part. */
    static String withCause(String uri, int cause) {
        int q = uri.indexOf('?');
        String base = q < 0 ? uri : uri.substring(0, q);
        String headers = q < 0 ? "" : uri.substring(q);
        base = base.replaceAll("(?i);cause=[^;]*", "");
        return base + ";cause=" + cause + headers;
    }

    /** The entries of a header value: split at commas outside angle brackets and quotes. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                add(out, value.substring(start, i));
                start = i + 1;
            }
        }
        add(out, value.substring(start));
        return out;
    }

    private static void add(List<String> out, String entry) {
        if (!entry.isBlank()) {
            out.add(entry.trim());
        }
    }

    /** The URI inside the angle brackets of a name-addr entry; null without them. */
    static String uriOf(String entry) {
        int lt = entry.indexOf('<');
        int gt = entry.indexOf('>', lt + 1);
        return lt < 0 || gt < 0 ? null : entry.substring(lt + 1, gt);
    }

    /** A header parameter after the name-addr ({@code index=1.1}); null when absent. */
    static String param(String entry, String name) {
        int gt = entry.lastIndexOf('>');
        String params = gt < 0 ? entry : entry.substring(gt + 1);
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return p.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
