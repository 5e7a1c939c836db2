package io.switchboard.cx.internal.ifc;

import io.switchboard.cx.IfcHeaders;
import io.switchboard.cx.IfcRequest;
import io.switchboard.cx.SessionCase;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Message;

/**
 * The {@link IfcRequest} of a sip consumer exchange: method and headers from {@code SipMessage} (or, without it, the
 * {@code SipMethod} header alone), Request-URI from {@code SipRequestUri}, SDP lines from an {@code application/sdp}
 * body, the session case and registration type from the {@code Ifc*} headers.
 */
public final class IfcRequests {

    private IfcRequests() {}

    /**
     * @param defaultCase the session case when the exchange names none
     * @param registered whether the served user is registered (profile part)
     */
    public static IfcRequest of(Message in, SessionCase defaultCase, boolean registered) {
        SipMessage sip = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String method = sip != null ? sip.method() : in.getHeader(SipHeaders.METHOD, String.class);
        if (method == null) {
            throw new IllegalArgumentException("ifc:match needs a SIP request (header SipMessage or SipMethod)");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> sdp = new ArrayList<>();
        if (sip != null) {
            for (String name : sip.headerNames()) {
                headers.put(name, sip.headers(name));
            }
            String type = sip.header("Content-Type");
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
                for (String line : new String(sip.body(), StandardCharsets.UTF_8).split("\r?\n")) {
                    if (!line.isBlank()) {
                        sdp.add(line.trim());
                    }
                }
            }
        }
        String uri = in.getHeader(SipHeaders.REQUEST_URI, String.class);
        return new IfcRequest(
                method,
                uri,
                headers,
                sessionCase(in.getHeader(IfcHeaders.SESSION_CASE), defaultCase),
                sdp,
                in.getHeader(IfcHeaders.REGISTRATION_TYPE, Integer.class),
                registered);
    }

    /** A number 0–4 or a {@link SessionCase} name (any case); null means {@code defaultCase}. */
    static SessionCase sessionCase(Object value, SessionCase defaultCase) {
        if (value == null || value.toString().isBlank()) {
            return defaultCase;
        }
        if (value instanceof SessionCase c) {
            return c;
        }
        String s = value.toString().trim();
        if (s.chars().allMatch(Character::isDigit)) {
            SessionCase c = s.length() > 1 ? null : SessionCase.of(Integer.parseInt(s));
            if (c != null) {
                return c;
            }
        } else {
            for (SessionCase c : SessionCase.values()) {
                if (c.name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException(
                IfcHeaders.SESSION_CASE + " must be 0-4 or a name of SessionCase, got " + value);
    }
}
