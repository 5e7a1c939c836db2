package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import javax.sip.header.Header;

/** {@link SipMessage} over a JAIN-SIP RI message. Cheap to create: nothing is computed up front. */
public final class SipMessageAdapter implements SipMessage {

    private static final byte[] NO_BODY = new byte[0];

    private final SIPMessage message;

    public SipMessageAdapter(SIPMessage message) {
        this.message = message;
    }

    /** The wrapped stack message (bundle-internal). */
    public SIPMessage unwrap() {
        return message;
    }

    @Override
    public String method() {
        if (message instanceof SIPRequest r) {
            return r.getMethod();
        }
        return message.getCSeq() == null ? null : message.getCSeq().getMethod();
    }

    @Override
    public boolean isRequest() {
        return message instanceof SIPRequest;
    }

    @Override
    public int status() {
        return message instanceof SIPResponse r ? r.getStatusCode() : 0;
    }

    @Override
    public String header(String name) {
        ListIterator<SIPHeader> it = message.getHeaders(HeaderNames.expand(name));
        return it.hasNext() ? value(it.next()) : null;
    }

    @Override
    public String header(String name, int index) {
        if (index < 0) {
            return null;
        }
        ListIterator<SIPHeader> it = message.getHeaders(HeaderNames.expand(name));
        int i = 0;
        while (it.hasNext()) {
            SIPHeader h = it.next();
            if (i++ == index) {
                return value(h);
            }
        }
        return null;
    }

    @Override
    public List<String> headers(String name) {
        ListIterator<SIPHeader> it = message.getHeaders(HeaderNames.expand(name));
        if (!it.hasNext()) {
            return Collections.emptyList();
        }
        List<String> values = new ArrayList<>(4);
        while (it.hasNext()) {
            values.add(value(it.next()));
        }
        return values;
    }

    @Override
    public int headerCount(String name) {
        ListIterator<SIPHeader> it = message.getHeaders(HeaderNames.expand(name));
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    @Override
    public Set<String> headerNames() {
        Set<String> names = new LinkedHashSet<>();
        ListIterator<String> it = message.getHeaderNames();
        while (it.hasNext()) {
            names.add(it.next());
        }
        return names;
    }

    @Override
    public byte[] body() {
        byte[] raw = message.getRawContent();
        return raw == null ? NO_BODY : raw;
    }

    @Override
    public String toString() {
        return message.encode();
    }

    static String value(Header h) {
        if (h instanceof SIPHeader sh) {
            return sh.getHeaderValue().trim();
        }
        String s = h.toString();
        int colon = s.indexOf(':');
        return (colon < 0 ? s : s.substring(colon + 1)).trim();
    }
}
