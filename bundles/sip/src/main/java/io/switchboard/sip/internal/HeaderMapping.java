package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPDuplicateHeaderException;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.SipHeaders;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import org.apache.camel.Message;

/** Between SIP messages and Camel messages. */
final class HeaderMapping {

    private static final int PREFIX_LENGTH = SipHeaders.HEADER_PREFIX.length();

    private HeaderMapping() {}

    // ------------------------------------------------------------------ SIP -> Camel

    /**
     * Sets the headers describing {@code sip} on the Camel message, and its body (UTF-8 text, or null).
     *
     * @param clearAbsent remove describing headers the message does not have (when the Camel message
     *                    already carries headers of another SIP message)
     */
    static void populate(Message m, SIPMessage sip, boolean clearAbsent) {
        if (sip instanceof SIPRequest r) {
            m.setHeader(SipHeaders.METHOD, r.getMethod());
            m.setHeader(SipHeaders.REQUEST_URI, r.getRequestURI().toString());
        } else {
            SIPResponse r = (SIPResponse) sip;
            m.setHeader(SipHeaders.METHOD, r.getCSeq().getMethod());
            m.setHeader(SipHeaders.STATUS, r.getStatusCode());
            m.setHeader(SipHeaders.REASON, r.getReasonPhrase());
        }
        m.setHeader(SipHeaders.FROM_URI, sip.getFrom().getAddress().getURI().toString());
        set(m, SipHeaders.FROM_TAG, sip.getFrom().getTag(), clearAbsent);
        m.setHeader(SipHeaders.TO_URI, sip.getTo().getAddress().getURI().toString());
        set(m, SipHeaders.TO_TAG, sip.getTo().getTag(), clearAbsent);
        m.setHeader(SipHeaders.CALL_ID, sip.getCallId().getCallId());
        m.setHeader(SipHeaders.CSEQ, sip.getCSeq().getSeqNumber());

        EventHeader event = (EventHeader) sip.getHeader(EventHeader.NAME);
        set(m, SipHeaders.EVENT, event == null ? null : event.getEventType(), clearAbsent);
        Header expires = sip.getHeader(ExpiresHeader.NAME);
        set(
                m,
                SipHeaders.EXPIRES,
                expires instanceof ExpiresHeader e ? Integer.valueOf(e.getExpires()) : null,
                clearAbsent);
        ContactHeader contact = sip.getContactHeader();
        String contactUri = null;
        if (contact != null) {
            contactUri =
                    contact.isWildCard() ? "*" : contact.getAddress().getURI().toString();
        }
        set(m, SipHeaders.CONTACT, contactUri, clearAbsent);
        ContentTypeHeader ct = sip.getContentTypeHeader();
        set(
                m,
                SipHeaders.CONTENT_TYPE,
                ct == null ? null : ((SIPHeader) ct).getHeaderValue().trim(),
                clearAbsent);

        Header userAgent = sip.getHeader(UserAgentHeader.NAME);
        set(
                m,
                SipHeaders.USER_AGENT,
                userAgent == null
                        ? null
                        : ((SIPHeader) userAgent).getHeaderValue().trim(),
                clearAbsent);

        if (sip.getPeerPacketSourceAddress() != null) {
            m.setHeader(
                    SipHeaders.SOURCE_ADDRESS, sip.getPeerPacketSourceAddress().getHostAddress());
            m.setHeader(SipHeaders.SOURCE_PORT, sip.getPeerPacketSourcePort());
        } else if (sip.getRemoteAddress() != null) {
            m.setHeader(SipHeaders.SOURCE_ADDRESS, sip.getRemoteAddress().getHostAddress());
            m.setHeader(SipHeaders.SOURCE_PORT, sip.getRemotePort());
        }
        m.setHeader(SipHeaders.TRANSPORT, transport(sip.getTopmostVia()));
        m.setHeader(SipHeaders.MESSAGE, new SipMessageAdapter(sip));

        byte[] body = sip.getRawContent();
        m.setBody(body == null || body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
    }

    private static void set(Message m, String name, Object value, boolean clearAbsent) {
        if (value != null) {
            m.setHeader(name, value);
        } else if (clearAbsent) {
            m.removeHeader(name);
        }
    }

    static String transport(ViaHeader via) {
        if (via == null) {
            return null;
        }
        String t = via.getTransport();
        if ("UDP".equals(t)) {
            return "udp";
        }
        if ("TCP".equals(t)) {
            return "tcp";
        }
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ Camel -> SIP

    /** Adds every {@code SipHeader.<Name>} Camel header to {@code target}. */
    static void addCamelHeaders(SIPMessage target, Map<String, Object> camelHeaders) throws ParseException {
        for (Map.Entry<String, Object> e : camelHeaders.entrySet()) {
            String key = e.getKey();
            if (key.length() > PREFIX_LENGTH
                    && key.regionMatches(true, 0, SipHeaders.HEADER_PREFIX, 0, PREFIX_LENGTH)) {
                putHeader(target, key.substring(PREFIX_LENGTH), e.getValue());
            }
        }
    }

    /** Adds headers given as name to values. */
    static void addHeaders(SIPMessage target, Map<String, List<String>> headers) throws ParseException {
        if (headers == null) {
            return;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            putHeader(target, e.getKey(), e.getValue());
        }
    }

    /**
     * Replaces every header {@code name} of {@code target} with the given value(s): a String (which may be a
     * comma-separated list where the header allows one), a Collection or array of them. Null removes nothing.
     */
    static void putHeader(SIPMessage target, String name, Object value) throws ParseException {
        setHeader(target, name, value, true);
    }

    /**
     * Adds header {@code name} with the given value(s) after those of that name already there (a header that may
     * appear only once and is there fails with a ParseException); same values as {@link #putHeader}.
     */
    static void addHeader(SIPMessage target, String name, Object value) throws ParseException {
        setHeader(target, name, value, false);
    }

    private static void setHeader(SIPMessage target, String name, Object value, boolean replace) throws ParseException {
        if (value == null) {
            return;
        }
        String headerName = HeaderNames.expand(name.trim());
        if (headerName.isEmpty()) {
            throw new ParseException("empty SIP header name", 0);
        }
        boolean first = replace;
        if (value instanceof Collection<?> values) {
            for (Object v : values) {
                if (v != null) {
                    add(target, headerName, v.toString(), first);
                    first = false;
                }
            }
        } else if (value instanceof Object[] values) {
            for (Object v : values) {
                if (v != null) {
                    add(target, headerName, v.toString(), first);
                    first = false;
                }
            }
        } else {
            add(target, headerName, value.toString(), replace);
        }
    }

    private static void add(SIPMessage target, String name, String value, boolean replace) throws ParseException {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new ParseException("line break in SIP header " + name, 0);
        }
        SIPHeader parsed = StringMsgParser.parseSIPHeader(name + ": " + value.trim() + "\r\n");
        if (replace) {
            target.removeHeader(parsed.getName());
        }
        if (parsed instanceof SIPHeaderList<?> list) {
            for (Object h : list) {
                append(target, (SIPHeader) h);
            }
        } else {
            append(target, parsed);
        }
    }

    /** Appends in the given order (addHeader would put Via and Record-Route on top). */
    private static void append(SIPMessage target, SIPHeader h) throws ParseException {
        try {
            target.attachHeader(h, false, false);
        } catch (SIPDuplicateHeaderException e) {
            throw new ParseException("SIP header " + h.getName() + " may appear only once", 0);
        }
    }
}
