package io.switchboard.sca.internal;

import io.switchboard.sca.AppearanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SCA extension of the Call-Info header (BroadWorks SIP Access Side Extensions 2.2):
 * {@code <sip:DOMAIN>;appearance-index=N[;appearance-state=S][;appearance-uri="URI"]}, several comma-separated.
 * The parser takes the parameters in any order; the generator writes Kamailio's order and {@code *} idle last.
 */
final class CallInfo {

    /** Index value of {@code appearance-index=*}. */
    static final int ALL = -1;

    /** One Call-Info value. {@code state} and {@code appearanceUri} may be null. */
    record Entry(String uri, int index, AppearanceState state, String appearanceUri) {}

    /** One appearance as NOTIFYed. */
    record Line(int index, AppearanceState state, String appearanceUri) {}

    private CallInfo() {}

    /**
     * The SCA values of one or more Call-Info header values (others, without {@code appearance-index}, are
     * skipped). Throws IllegalArgumentException for a value that has an appearance-index but is malformed.
     */
    static List<Entry> parse(List<String> headerValues) {
        List<Entry> out = new ArrayList<>();
        for (String h : headerValues) {
            for (String v : split(h, ',')) {
                Entry e = parseOne(v.trim());
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The first SCA entry of these header values, null when none. */
    static Entry first(List<String> headerValues) {
        List<Entry> all = parse(headerValues);
        return all.isEmpty() ? null : all.get(0);
    }

    private static Entry parseOne(String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.charAt(0) != '<') {
            throw new IllegalArgumentException("Call-Info value does not start with <URI>: " + v);
        }
        int close = v.indexOf('>');
        if (close < 0) {
            throw new IllegalArgumentException("Call-Info URI not closed: " + v);
        }
        String uri = v.substring(1, close).trim();
        Integer index = null;
        AppearanceState state = null;
        String appearanceUri = null;
        for (String p : split(v.substring(close + 1), ';')) {
            p = p.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            switch (name) {
                case "appearance-index" -> {
                    if (value.equals("*")) {
                        index = ALL;
                    } else {
                        try {
                            index = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("bad appearance-index: " + value);
                        }
                        if (index < 0) {
                            throw new IllegalArgumentException("bad appearance-index: " + value);
                        }
                    }
                }
                case "appearance-state" -> state = AppearanceState.parse(value);
                case "appearance-uri" -> appearanceUri = unquote(value);
                default -> {
                    // other Call-Info parameters (purpose=...) are not ours
                }
            }
        }
        if (index == null) {
            if (state != null || appearanceUri != null) {
                throw new IllegalArgumentException("appearance-state without appearance-index: " + v);
            }
            return null;
        }
        return new Entry(uri, index, state, appearanceUri);
    }

    /** Splits at {@code sep} outside of {@code <...>} and double quotes. */
    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (c == sep && !quoted && !angle) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted string: " + s);
        }
        out.add(cur.toString());
        return out;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return v;
    }

    static String quote(String v) {
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The call-info NOTIFY value: every non-idle appearance in index order, then {@code *} idle. */
    static String format(String domain, List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        String head = "<sip:" + domain + ">;appearance-index=";
        for (Line l : lines) {
            if (l.state() == AppearanceState.IDLE) {
                continue;
            }
            sb.append(head)
                    .append(l.index())
                    .append(";appearance-state=")
                    .append(l.state().token());
            if (l.appearanceUri() != null && !l.appearanceUri().isEmpty()) {
                sb.append(";appearance-uri=").append(quote(l.appearanceUri()));
            }
            sb.append(',');
        }
        return sb.append(head).append("*;appearance-state=idle").toString();
    }

    /** The line-seize NOTIFY value: the granted index, no state. */
    static String seized(String domain, int index) {
        return "<sip:" + domain + ">;appearance-index=" + index;
    }
}
