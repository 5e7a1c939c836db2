package io.switchboard.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session description (RFC 4566) as lines: the session part and one list of lines per {@code m=} section, so that
 * an edit changes only what it means to and every line it does not understand goes on as it came. Immutable: the
 * edits of {@link SdpEdits} give a new one. Parsing checks what routes and edits rely on (v=, o=, m= and c= lines,
 * a connection address for every stream) and refuses the rest with an {@link SdpException} that says where.
 */
public final class Sdp {

    /** The direction attributes of RFC 4566 6. */
    public static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

    /** RFC 3551's static payload types, for formats without an {@code a=rtpmap}. */
    private static final Map<String, String> STATIC = Map.ofEntries(
            Map.entry("0", "PCMU/8000"),
            Map.entry("3", "GSM/8000"),
            Map.entry("4", "G723/8000"),
            Map.entry("5", "DVI4/8000"),
            Map.entry("6", "DVI4/16000"),
            Map.entry("7", "LPC/8000"),
            Map.entry("8", "PCMA/8000"),
            Map.entry("9", "G722/8000"),
            Map.entry("10", "L16/44100/2"),
            Map.entry("11", "L16/44100"),
            Map.entry("12", "QCELP/8000"),
            Map.entry("13", "CN/8000"),
            Map.entry("14", "MPA/90000"),
            Map.entry("15", "G728/8000"),
            Map.entry("16", "DVI4/11025"),
            Map.entry("17", "DVI4/22050"),
            Map.entry("18", "G729/8000"),
            Map.entry("25", "CelB/90000"),
            Map.entry("26", "JPEG/90000"),
            Map.entry("28", "nv/90000"),
            Map.entry("31", "H261/90000"),
            Map.entry("32", "MPV/90000"),
            Map.entry("33", "MP2T/90000"),
            Map.entry("34", "H263/90000"));

    private final List<String> session;
    private final List<List<String>> sections;
    private final List<SdpMedia> media;

    Sdp(List<String> session, List<List<String>> sections) throws SdpException {
        this.session = List.copyOf(session);
        List<List<String>> copies = new ArrayList<>(sections.size());
        for (List<String> s : sections) {
            copies.add(List.copyOf(s));
        }
        this.sections = Collections.unmodifiableList(copies);
        this.media = describe();
    }

    /**
     * Parses {@code text} (lines ended by CRLF or LF; blank lines ignored).
     *
     * @throws SdpException what is wrong and on which line
     */
    public static Sdp parse(String text) throws SdpException {
        if (text == null || text.isBlank()) {
            throw new SdpException("empty SDP");
        }
        List<String> session = new ArrayList<>();
        List<List<String>> sections = new ArrayList<>();
        List<String> current = session;
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpException("line " + n + " is not <type>=<value>: '" + shorten(line) + "'");
            }
            if (session.isEmpty() && !line.equals("v=0")) {
                throw new SdpException("line " + n + ": an SDP starts with v=0, not '" + shorten(line) + "'");
            }
            if (line.startsWith("m=")) {
                current = new ArrayList<>();
                sections.add(current);
            }
            current.add(line);
        }
        return new Sdp(session, sections);
    }

    /** The session-level lines, {@code v=} first. */
    public List<String> sessionLines() {
        return session;
    }

    /** The lines of each {@code m=} section, the m= line first. */
    public List<List<String>> sectionLines() {
        return sections;
    }

    /** The media descriptions, in order. */
    public List<SdpMedia> media() {
        return media;
    }

    /** The value of the session's {@code o=} line (username sess-id sess-version nettype addrtype address). */
    public String origin() {
        return value(session, 'o');
    }

    /** The session-level connection address, or null when every section has its own. */
    public String sessionAddress() {
        return address(value(session, 'c'));
    }

    /** The session-level direction attribute, or null. */
    public String sessionDirection() {
        return direction(session);
    }

    /** The text, every line ended by CRLF (RFC 4566 5). */
    public String encode() {
        StringBuilder sb = new StringBuilder(256);
        for (String l : session) {
            sb.append(l).append("\r\n");
        }
        for (List<String> s : sections) {
            for (String l : s) {
                sb.append(l).append("\r\n");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode();
    }

    private List<SdpMedia> describe() throws SdpException {
        String origin = origin();
        if (origin == null || origin.trim().split("\\s+").length != 6) {
            throw new SdpException("no valid o= line (username sess-id sess-version nettype addrtype address)");
        }
        String sessionC = value(session, 'c');
        if (sessionC != null) {
            checkConnection(sessionC, "session");
        }
        String sessionDirection = direction(session);
        List<SdpMedia> out = new ArrayList<>(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            List<String> s = sections.get(i);
            String[] m = s.get(0).substring(2).trim().split("\\s+");
            if (m.length < 4) {
                throw new SdpException("media " + i + ": m= needs <media> <port> <proto> <fmt>: '" + s.get(0) + "'");
            }
            int port = port(m[1], i);
            String c = value(s, 'c');
            if (c != null) {
                checkConnection(c, "media " + i);
            } else if (sessionC == null && port != 0) {
                throw new SdpException("media " + i + " (" + m[0] + ") has no c= line and the session none either");
            }
            List<String> formats = List.of(m).subList(3, m.length);
            List<String> codecs = new ArrayList<>(formats.size());
            for (String f : formats) {
                codecs.add(codec(s, f));
            }
            String direction = direction(s);
            out.add(new SdpMedia(
                    m[0],
                    port,
                    m[2],
                    formats,
                    List.copyOf(codecs),
                    address(c != null ? c : sessionC),
                    direction != null ? direction : sessionDirection != null ? sessionDirection : "sendrecv"));
        }
        return Collections.unmodifiableList(out);
    }

    private static int port(String field, int index) throws SdpException {
        String p = field.contains("/") ? field.substring(0, field.indexOf('/')) : field;
        try {
            int port = Integer.parseInt(p);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SdpException("media " + index + ": bad port '" + field + "'");
    }

    private static void checkConnection(String c, String where) throws SdpException {
        String[] f = c.trim().split("\\s+");
        if (f.length != 3 || !"IN".equals(f[0]) || !("IP4".equals(f[1]) || "IP6".equals(f[1]))) {
            throw new SdpException(where + ": c= must be 'IN IP4|IP6 <address>': '" + c + "'");
        }
    }

    /** The codec of format {@code fmt} in section {@code s}: its rtpmap, else the static table, else itself. */
    static String codec(List<String> s, String fmt) {
        String prefix = "a=rtpmap:" + fmt + " ";
        for (String l : s) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        String known = STATIC.get(fmt);
        return known != null ? known : fmt;
    }

    /** The address of a c= value (without a /ttl), or null. */
    private static String address(String c) {
        if (c == null) {
            return null;
        }
        String[] f = c.trim().split("\\s+");
        String a = f[f.length - 1];
        int slash = a.indexOf('/');
        return slash < 0 ? a : a.substring(0, slash);
    }

    /** The value of the first {@code <type>=} line of {@code lines}, or null. */
    static String value(List<String> lines, char type) {
        for (String l : lines) {
            if (l.charAt(0) == type) {
                return l.substring(2);
            }
        }
        return null;
    }

    /** The direction attribute among {@code lines}, or null. */
    static String direction(List<String> lines) {
        for (String l : lines) {
            if (l.startsWith("a=") && DIRECTIONS.contains(l.substring(2).trim().toLowerCase(Locale.ROOT))) {
                return l.substring(2).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String shorten(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
