package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request the proxy relays is accounted for: by a dialog a {@link TrackedDialogs dialog directory} tracks (a new
 * INVITE creates one when the directory hears of it, before this is asked; its in-dialog requests belong to it), or
 * else by one INFO line of logger {@code io.switchboard.proxy.relayed} with its method, Request-URI, source address,
 * Call-ID, From and targets, so that a relayed MESSAGE, a SUBSCRIBE of a package served elsewhere or an in-dialog
 * request of an untracked dialog leaves a trace where an operator looks (route it to a file of its own with the
 * Karaf log configuration).
 */
final class RelayAccounting {

    static final Logger LOG = LoggerFactory.getLogger("io.switchboard.proxy.relayed");

    private RelayAccounting() {}

    /**
     * Tells the listeners ({@code tellListeners}) that {@code request} is relayed, and logs it unless a tracked dialog
     * accounts for it. The dialog is looked for before the listeners hear of an in-dialog request (a BYE ends its
     * dialog there) and after for a new one (a new INVITE creates its dialog there).
     *
     * @return true when a dialog accounts for it, false when it was logged
     */
    static boolean relayed(SIPRequest request, List<String> targets, TrackedDialogs dialogs, Runnable tellListeners) {
        boolean inDialog = request.getTo().getTag() != null;
        boolean tracked = inDialog && tracked(request, dialogs);
        tellListeners.run();
        if (tracked || !inDialog && tracked(request, dialogs)) {
            return true;
        }
        if (LOG.isInfoEnabled()) {
            LOG.info(
                    "relayed {} {} from {} Call-ID {} From {} to {} (no tracked dialog)",
                    request.getMethod(),
                    request.getRequestURI(),
                    source(request),
                    request.getCallId().getCallId(),
                    request.getFrom().getAddress().getURI(),
                    targets);
        }
        return false;
    }

    private static boolean tracked(SIPRequest request, TrackedDialogs dialogs) {
        return dialogs.tracks(
                request.getCallId().getCallId(),
                request.getFrom().getTag(),
                request.getTo().getTag());
    }

    /** {@code transport:address:port} of where a request came from, as the registrar records a contact's source. */
    static String source(SIPRequest request) {
        String transport = HeaderMapping.transport(request.getTopmostVia());
        String prefix = (transport == null ? "udp" : transport) + ":";
        if (request.getPeerPacketSourceAddress() != null) {
            return prefix + request.getPeerPacketSourceAddress().getHostAddress() + ":"
                    + request.getPeerPacketSourcePort();
        }
        return request.getRemoteAddress() == null
                ? prefix + "?"
                : prefix + request.getRemoteAddress().getHostAddress() + ":" + request.getRemotePort();
    }
}
