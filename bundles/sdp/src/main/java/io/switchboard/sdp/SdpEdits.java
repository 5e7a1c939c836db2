package io.switchboard.sdp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Changes to an {@link Sdp} before it is relayed: codecs removed or kept, the direction set, the connection address
 * and a stream's port set. Each gives a new Sdp and leaves every line it does not need to touch as it was; an edit
 * that would leave an invalid SDP (a stream without any format) is refused with an {@link SdpException}, so the
 * caller relays the message untouched.
 */
public final class SdpEdits {

    private SdpEdits() {}

    /**
     * Keeps only the codecs named in {@code names} in every RTP stream (with their rtpmap, fmtp and rtcp-fb lines).
     * A name is an encoding name ({@code PCMA}, {@code telephone-event}), compared without case, optionally with
     * its clock rate ({@code opus/48000}); a payload type number matches itself.
     */
    public static Sdp keepCodecs(Sdp sdp, Collection<String> names) throws SdpException {
        return filterCodecs(sdp, names, true);
    }

    /** Removes the codecs named in {@code names} (as in {@link #keepCodecs}) from every RTP stream. */
    public static Sdp removeCodecs(Sdp sdp, Collection<String> names) throws SdpException {
        return filterCodecs(sdp, names, false);
    }

    /** Sets the direction attribute ({@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}). */
    public static Sdp direction(Sdp sdp, String direction) throws SdpException {
        String d = direction.trim().toLowerCase(Locale.ROOT);
        if (!Sdp.DIRECTIONS.contains(d)) {
            throw new SdpException("no such direction: " + direction);
        }
        List<String> session = withoutDirection(sdp.sessionLines());
        List<List<String>> sections = new ArrayList<>();
        for (List<String> s : sdp.sectionLines()) {
            List<String> lines = withoutDirection(s);
            lines.add("a=" + d);
            sections.add(lines);
        }
        return new Sdp(session, sections);
    }

    /** Sets every connection address ({@code c=} lines of the session and of each stream) to {@code address}. */
    public static Sdp address(Sdp sdp, String address) throws SdpException {
        String a = address.trim();
        if (a.isEmpty() || a.chars().anyMatch(Character::isWhitespace)) {
            throw new SdpException("bad connection address '" + address + "'");
        }
        String c = "c=IN " + (a.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + a;
        List<String> session = replaceConnection(sdp.sessionLines(), c);
        List<List<String>> sections = new ArrayList<>();
        for (List<String> s : sdp.sectionLines()) {
            sections.add(replaceConnection(s, c));
        }
        return new Sdp(session, sections);
    }

    /** Sets the port of stream {@code index} (0-based) to {@code port}. */
    public static Sdp port(Sdp sdp, int index, int port) throws SdpException {
        if (index < 0 || index >= sdp.sectionLines().size()) {
            throw new SdpException(
                    "no media " + index + " (the SDP has " + sdp.sectionLines().size() + ")");
        }
        if (port < 0 || port > 65535) {
            throw new SdpException("bad port " + port);
        }
        List<List<String>> sections = new ArrayList<>(sdp.sectionLines());
        List<String> s = new ArrayList<>(sections.get(index));
        String[] m = s.get(0).substring(2).trim().split("\\s+");
        String count = m[1].contains("/") ? m[1].substring(m[1].indexOf('/')) : "";
        m[1] = port + count;
        s.set(0, "m=" + String.join(" ", m));
        sections.set(index, s);
        return new Sdp(sdp.sessionLines(), sections);
    }

    private static Sdp filterCodecs(Sdp sdp, Collection<String> names, boolean keep) throws SdpException {
        List<List<String>> sections = new ArrayList<>();
        for (int i = 0; i < sdp.sectionLines().size(); i++) {
            List<String> s = sdp.sectionLines().get(i);
            SdpMedia media = sdp.media().get(i);
            if (!media.transport().toUpperCase(Locale.ROOT).contains("RTP")) {
                sections.add(s);
                continue;
            }
            List<String> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (int f = 0; f < media.formats().size(); f++) {
                String fmt = media.formats().get(f);
                boolean named = named(fmt, media.codecs().get(f), names);
                (named == keep ? kept : dropped).add(fmt);
            }
            if (kept.isEmpty()) {
                throw new SdpException("no codec left in media " + i + " (" + media.type() + ")");
            }
            sections.add(dropped.isEmpty() ? s : withoutFormats(s, dropped, kept));
        }
        return new Sdp(sdp.sessionLines(), sections);
    }

    private static boolean named(String fmt, String codec, Collection<String> names) {
        String lower = codec.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String want = n.trim().toLowerCase(Locale.ROOT);
            if (want.isEmpty()) {
                continue;
            }
            if (want.equals(fmt) || lower.equals(want) || lower.startsWith(want + "/")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> withoutFormats(List<String> s, List<String> dropped, List<String> kept) {
        String[] m = s.get(0).substring(2).trim().split("\\s+");
        List<String> out = new ArrayList<>(s.size());
        out.add("m=" + m[0] + " " + m[1] + " " + m[2] + " " + String.join(" ", kept));
        for (String l : s.subList(1, s.size())) {
            if (!aboutFormat(l, dropped)) {
                out.add(l);
            }
        }
        return out;
    }

    /** True for an rtpmap, fmtp or rtcp-fb line of one of {@code formats}. */
    private static boolean aboutFormat(String line, List<String> formats) {
        for (String prefix : List.of("a=rtpmap:", "a=fmtp:", "a=rtcp-fb:")) {
            if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                int sp = rest.indexOf(' ');
                return formats.contains(sp < 0 ? rest : rest.substring(0, sp));
            }
        }
        return false;
    }

    private static List<String> withoutDirection(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size() + 1);
        for (String l : lines) {
            if (!(l.startsWith("a=")
                    && Sdp.DIRECTIONS.contains(l.substring(2).trim().toLowerCase(Locale.ROOT)))) {
                out.add(l);
            }
        }
        return out;
    }

    private static List<String> replaceConnection(List<String> lines, String c) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(l.startsWith("c=") ? c : l);
        }
        return out;
    }
}
