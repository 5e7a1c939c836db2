package io.switchboard.sip.internal;

import io.switchboard.sip.SipProxyCalls;
import io.switchboard.sip.SipRelayHandle;
import io.switchboard.sip.SipServerExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The new INVITEs the proxy is forking, by Call-ID ({@link SipProxyCalls}). A relay is put when it starts forking and
 * removed (only if it is still the one of its Call-ID) just before it reports its outcome, so a serial fallback's
 * relay of the same transaction replaces it. One concurrent map: a call that nobody looks up costs a put and a
 * remove, no lock.
 */
final class RunningRelays implements SipProxyCalls {

    private final Map<String, ProxyRelay> byCallId = new ConcurrentHashMap<>();

    void started(String callId, ProxyRelay relay) {
        byCallId.put(callId, relay);
    }

    void ended(String callId, ProxyRelay relay) {
        byCallId.remove(callId, relay);
    }

    @Override
    public SipRelayHandle byCallId(String callId) {
        return callId == null ? null : byCallId.get(callId);
    }

    @Override
    public SipRelayHandle of(SipServerExchange server) {
        return server instanceof ServerContext ctx && ctx.relay instanceof ProxyRelay relay && !relay.ended()
                ? relay
                : null;
    }

    /** How many relays are listed (tests, status). */
    int size() {
        return byCallId.size();
    }
}
