package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;
import java.util.Collection;
import java.util.List;
import javax.sip.header.RecordRouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link SipProxyListener} services what the relay did with one message. Kept apart from the relay
 * because building a {@link SipProxyEvent} is only worth doing when someone listens, and a failing listener must
 * not break the relay.
 */
final class ProxyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyEvents.class);

    private ProxyEvents() {}

    static void fire(
            Collection<SipProxyListener> listeners,
            SipProxyEvent.Kind kind,
            SIPMessage m,
            int status,
            String reason,
            boolean local) {
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        String method = m instanceof SIPRequest r ? r.getMethod() : m.getCSeq().getMethod();
        List<String> rr = Dialogs.values(m, RecordRouteHeader.NAME, false);
        SipProxyEvent e = new SipProxyEvent(
                kind,
                method,
                m.getCallId().getCallId(),
                m.getFrom().getAddress().getURI().toString(),
                m.getFrom().getTag(),
                m.getTo().getAddress().getURI().toString(),
                m.getTo().getTag(),
                m.getCSeq().getSeqNumber(),
                status,
                reason,
                Dialogs.contactUri(m),
                rr.isEmpty() ? null : String.join(",", rr),
                local,
                System.currentTimeMillis(),
                new SipMessageAdapter(m));
        for (SipProxyListener l : listeners) {
            try {
                l.onProxyEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("SipProxyListener {} failed", l, ex);
            }
        }
    }
}
