package io.switchboard.sdp.internal;

import io.switchboard.sdp.Hold;
import io.switchboard.sdp.Sdp;
import io.switchboard.sdp.SdpException;
import io.switchboard.sdp.SdpHeaders;
import io.switchboard.sdp.SdpMedia;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code sdp:parse} and {@code sdp:edit}: reads the SDP body of the exchange's SIP message (Content-Type
 * {@code application/sdp}, header {@code SipContentType}), sets the {@link SdpHeaders}, and for an edit puts the
 * changed SDP in the body and in {@code SipProxyBody}, which {@code proxy:relay} and the {@code onReply} route relay
 * with its Content-Length. A malformed SDP, or an edit that cannot be made, leaves the message as it was and says
 * why in {@code SipSdpError}: an SDP tool never fails the call.
 */
final class SdpProducer extends DefaultProducer {

    private final SdpEndpoint endpoint;
    private final SdpEditing editing;

    SdpProducer(SdpEndpoint endpoint, SdpEditing editing) {
        super(endpoint);
        this.endpoint = endpoint;
        this.editing = editing;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeaders(SdpHeaders.PREFIX + "*");
        m.setHeader(SdpHeaders.HOLD, false);
        String body = sdpBody(m);
        if (body == null) {
            m.setHeader(SdpHeaders.PRESENT, false);
            return;
        }
        Sdp sdp;
        try {
            sdp = Sdp.parse(body);
        } catch (SdpException e) {
            m.setHeader(SdpHeaders.PRESENT, false);
            m.setHeader(SdpHeaders.ERROR, "malformed SDP: " + e.getMessage());
            return;
        }
        m.setHeader(SdpHeaders.PRESENT, true);
        if (editing != null) {
            sdp = edit(m, sdp);
        }
        describe(m, sdp, isAnswer(m));
    }

    private Sdp edit(Message m, Sdp sdp) {
        try {
            Sdp edited = editing.apply(sdp);
            String text = edited.encode();
            boolean changed = !text.equals(sdp.encode());
            if (changed) {
                m.setBody(text);
                m.setHeader(SipProxyHeaders.BODY, text);
            }
            m.setHeader(SdpHeaders.EDITED, changed);
            return edited;
        } catch (SdpException e) {
            m.setHeader(SdpHeaders.EDITED, false);
            m.setHeader(SdpHeaders.ERROR, "SDP not edited: " + e.getMessage());
            return sdp;
        }
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    /** The body when the message says it is an SDP, else null (no body, another Content-Type). */
    private static String sdpBody(Message m) {
        String type = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            return null;
        }
        String body = m.getBody(String.class);
        return body == null || body.isEmpty() ? null : body;
    }

    private boolean isAnswer(Message m) {
        String role = endpoint.getConfiguration().getRole();
        if (!"auto".equals(role)) {
            return "answer".equals(role);
        }
        if (m.getHeader(SipHeaders.MESSAGE) instanceof SipMessage sm) {
            return !sm.isRequest() || "ACK".equals(sm.method());
        }
        return "ACK".equals(m.getHeader(SipHeaders.METHOD, String.class));
    }

    private static void describe(Message m, Sdp sdp, boolean answer) {
        m.setHeader(SdpHeaders.ORIGIN, sdp.origin());
        List<Map<String, Object>> media = new ArrayList<>(sdp.media().size());
        SdpMedia audio = null;
        for (SdpMedia md : sdp.media()) {
            media.add(md.toMap());
            if (audio == null && "audio".equals(md.type())) {
                audio = md;
            }
        }
        m.setHeader(SdpHeaders.MEDIA, media);
        if (audio != null) {
            m.setHeader(SdpHeaders.AUDIO_PORT, audio.port());
            m.setHeader(SdpHeaders.AUDIO_ADDRESS, audio.address());
            m.setHeader(SdpHeaders.AUDIO_CODECS, String.join(",", audio.codecs()));
            m.setHeader(SdpHeaders.AUDIO_DIRECTION, audio.direction());
        }
        String hold = Hold.reason(sdp, answer);
        m.setHeader(SdpHeaders.HOLD, hold != null);
        if (hold != null) {
            m.setHeader(SdpHeaders.HOLD_REASON, hold);
        }
    }
}
