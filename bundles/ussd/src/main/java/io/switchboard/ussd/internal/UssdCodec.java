package io.switchboard.ussd.internal;

import io.switchboard.ussd.internal.xml.AnyExt;
import io.switchboard.ussd.internal.xml.Marker;
import io.switchboard.ussd.internal.xml.UssdData;
import io.switchboard.xml.XmlCodec;
import io.switchboard.xml.XmlException;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The wire formats of TS 24.390: ussd-data (JAXB through the shared {@link XmlCodec}, validated against
 * {@code xsd/ussd-data.xsd}, UTF-8, escaping by JAXB), multipart/mixed INVITE bodies (SDP + ussd-data),
 * the SDP answer with every stream disabled, and dialstring Request-URIs.
 */
final class UssdCodec {

    static final String CONTENT_TYPE = "application/vnd.3gpp.ussd+xml";
    static final String INFO_PACKAGE = "g.3gpp.ussd";
    static final String BOUNDARY = "switchboard-ussd-boundary";

    private final XmlCodec xml = XmlCodec.of(UssdCodec.class.getResource("/xsd/ussd-data.xsd"), UssdData.class);

    /** Reads a ussd-data document; the exception message says what is wrong. */
    UssdMessage parse(byte[] body) throws XmlException {
        Object doc = xml.unmarshal(body);
        if (!(doc instanceof UssdData d)) {
            throw new XmlException("not a ussd-data document");
        }
        UssdMessage.Kind kind = UssdMessage.Kind.PLAIN;
        if (d.anyExt != null && d.anyExt.request != null) {
            kind = UssdMessage.Kind.REQUEST;
        } else if (d.notify != null || (d.anyExt != null && d.anyExt.notify != null)) {
            kind = UssdMessage.Kind.NOTIFY;
        }
        return new UssdMessage(blankToNull(d.language), d.ussdString, d.errorCode, kind);
    }

    /** Writes a ussd-data document (UTF-8, no namespace); the markers go inside anyExt. */
    byte[] write(UssdMessage m) {
        UssdData d = new UssdData();
        d.language = m.language();
        d.ussdString = m.text();
        d.errorCode = m.errorCode();
        if (m.kind() != UssdMessage.Kind.PLAIN) {
            d.anyExt = new AnyExt();
            if (m.kind() == UssdMessage.Kind.REQUEST) {
                d.anyExt.request = new Marker();
            } else {
                d.anyExt.notify = new Marker();
            }
        }
        return xml.marshal(d, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ bodies

    /** The USSD and SDP parts of a request body. Either may be null. */
    record Parts(byte[] ussd, String sdp, String otherType) {}

    /**
     * Splits a body: a bare ussd-data, a bare SDP, or multipart/mixed with either or both (RFC 2046; the first part
     * of each type wins). {@code otherType} names the first part of another type (for a 415's reason).
     */
    static Parts parts(String contentType, byte[] body) {
        if (contentType == null || body == null || body.length == 0) {
            return new Parts(null, null, null);
        }
        String type = mediaType(contentType);
        if (type.equals(CONTENT_TYPE)) {
            return new Parts(body, null, null);
        }
        if (type.equals("application/sdp")) {
            return new Parts(null, new String(body, StandardCharsets.UTF_8), null);
        }
        if (!type.equals("multipart/mixed")) {
            return new Parts(null, null, type);
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null) {
            return new Parts(null, null, type);
        }
        byte[] ussd = null;
        String sdp = null;
        String other = null;
        for (byte[] part : split(body, boundary)) {
            int headerEnd = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            int sep = 4;
            if (headerEnd < 0) {
                headerEnd = indexOf(part, "\n\n".getBytes(StandardCharsets.ISO_8859_1), 0);
                sep = 2;
            }
            String headers;
            byte[] content;
            if (headerEnd < 0) {
                headers = "";
                content = part;
            } else {
                headers = new String(part, 0, headerEnd, StandardCharsets.ISO_8859_1);
                content = Arrays.copyOfRange(part, headerEnd + sep, part.length);
            }
            String partType = "text/plain";
            for (String line : headers.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                    partType = mediaType(line.substring(colon + 1));
                }
            }
            if (partType.equals(CONTENT_TYPE) && ussd == null) {
                ussd = content;
            } else if (partType.equals("application/sdp") && sdp == null) {
                sdp = new String(content, StandardCharsets.UTF_8);
            } else if (other == null) {
                other = partType;
            }
        }
        return new Parts(ussd, sdp, other);
    }

    /** The parts between {@code --boundary} delimiters, without the CRLF that belongs to the delimiter. */
    private static List<byte[]> split(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>(2);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // close delimiter
            }
            // skip transport padding and the line break after the delimiter
            while (start < body.length && (body[start] == ' ' || body[start] == '\t')) {
                start++;
            }
            if (start < body.length && body[start] == '\r') {
                start++;
            }
            if (start < body.length && body[start] == '\n') {
                start++;
            }
            int next = indexOf(body, delimiter, start);
            int end = next < 0 ? body.length : next;
            // the line break before a delimiter belongs to it
            if (next >= 0 && end > start && body[end - 1] == '\n') {
                end--;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
            }
            out.add(Arrays.copyOfRange(body, start, Math.max(start, end)));
            at = next;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code type/subtype} in lower case, without parameters. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** A parameter of a header value ({@code boundary="x"} or {@code boundary=x}), unquoted; null when absent. */
    static String parameter(String value, String name) {
        for (String p : value.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** A multipart/mixed body of an SDP part and a ussd-data part (network-initiated INVITE, TS 24.390 A.3). */
    static byte[] multipart(String sdp, byte[] ussd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + ussd.length);
        out.writeBytes(
                ("--" + BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Type: " + CONTENT_TYPE + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ussd);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String multipartContentType() {
        return "multipart/mixed;boundary=" + BOUNDARY;
    }

    // ------------------------------------------------------------------ SDP

    /**
     * The answer to an offer: the offer mirrored with every media port 0, so no stream is ever set up (the
     * usual AS practice: TS 24.390 has an offer/answer only because an INVITE needs one).
     */
    static String sdpAnswer(String offer) {
        StringBuilder sb = new StringBuilder(offer.length());
        for (String line : offer.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                String[] f = line.split(" ", 3);
                if (f.length == 3) {
                    line = f[0] + " 0 " + f[2]; // a port count (49170/2) goes too
                }
            }
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }

    /** Our offer for a network-initiated INVITE: one audio stream, disabled (port 0). */
    static String sdpOffer(String address) {
        String ipv = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        long id = System.currentTimeMillis() / 1000;
        return "v=0\r\no=switchboard " + id + " " + id + " IN " + ipv + " " + address + "\r\ns=USSD\r\nc=IN " + ipv
                + " " + address + "\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\na=inactive\r\n";
    }

    // ------------------------------------------------------------------ dialstrings

    /**
     * The USSD string of a dialstring URI ({@code sip:*135%23;phone-context=home1.net@home1.net;user=dialstring}
     * gives {@code *135#}), null when the URI is not {@code user=dialstring}.
     */
    static String dialString(String uri) {
        if (uri == null || !uri.toLowerCase(Locale.ROOT).contains("user=dialstring")) {
            return null;
        }
        String s = uri;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(colon + 1);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        try {
            s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
