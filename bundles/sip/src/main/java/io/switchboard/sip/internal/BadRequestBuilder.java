package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.parser.ViaParser;
import java.text.ParseException;

/**
 * Builds the text of a {@code 400 Bad Request} for a request the parser rejected, from the raw
 * header lines it still has (Via, CSeq, Call-ID, From, To), like JAIN-SIP's UDP channel does.
 */
final class BadRequestBuilder {

    private BadRequestBuilder() {}

    /** The first Via of a raw request, parsed; null when it is missing or does not parse. */
    static Via topVia(String request) {
        String[] lines = request.split("\r\n|\n");
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0
                    && HeaderNames.expand(lines[i].substring(0, colon).trim()).equalsIgnoreCase("Via")) {
                try {
                    ViaList vias = (ViaList) new ViaParser("Via:" + lines[i].substring(colon + 1) + "\n").parse();
                    return (Via) vias.getFirst();
                } catch (ParseException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The 400 response text, or null when a required header line is missing. */
    static String build(String request, String parseError) {
        return build(request, 400, "Bad Request (" + (parseError == null ? "" : parseError) + ")");
    }

    /**
     * The response text with this status and reason, or null when a required header line is missing. Control
     * characters of the request's lines are not copied (they may be why it is refused).
     */
    static String build(String request, int status, String reason) {
        String[] lines = request.split("\r\n|\n");
        StringBuilder vias = new StringBuilder();
        String cseq = null, callId = null, from = null, to = null;
        for (int i = 1; i < lines.length; i++) {
            String line = withoutControls(lines[i]);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = HeaderNames.expand(line.substring(0, colon).trim());
            if (name.equalsIgnoreCase("Via")) {
                vias.append(line).append("\r\n");
            } else if (name.equalsIgnoreCase("CSeq") && cseq == null) {
                cseq = line;
            } else if (name.equalsIgnoreCase("Call-ID") && callId == null) {
                callId = line;
            } else if (name.equalsIgnoreCase("From") && from == null) {
                from = line;
            } else if (name.equalsIgnoreCase("To") && to == null) {
                to = line;
            }
        }
        if (vias.length() == 0 || cseq == null || callId == null || from == null || to == null) {
            return null;
        }
        if (!to.contains("tag=")) {
            to = to + ";tag=badreq";
        }
        return "SIP/2.0 " + status + " "
                + withoutControls(reason.replace('\r', ' ').replace('\n', ' ')) + "\r\n" + vias + cseq + "\r\n" + callId
                + "\r\n" + from + "\r\n" + to + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String withoutControls(String line) {
        StringBuilder sb = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f;
            if (control && sb == null) {
                sb = new StringBuilder(line.length()).append(line, 0, i);
            } else if (!control && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? line : sb.toString();
    }
}
