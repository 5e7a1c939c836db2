package io.switchboard.sip;

/**
 * OSGi service of the sip bundle: the INVITEs the stateful proxy ({@code proxy:relay}) is forking right now, so that
 * another bundle or route can change a call while it rings: add a branch (a woken push device, a picker), CANCEL the
 * ringing branches, or hold the caller's transaction open while a branch is still to come. A service, not a static
 * registry, so that a bundle that needs it (pickup, push) declares the dependency and the proxy never knows its users.
 * <p>
 * Only new INVITEs (no To tag) are listed, from the start of their relay until it has its final outcome; the list is
 * one concurrent map (a put and a remove per relayed INVITE, no lock taken).
 */
public interface SipProxyCalls {

    /**
     * The relay forking the INVITE with this Call-ID, or null when none is running (never relayed, answered and
     * ended, or every branch failed). When an INVITE with the same Call-ID is relayed twice at once (a spiral), the
     * newest.
     */
    SipRelayHandle byCallId(String callId);

    /** The relay of this server transaction (a {@code sip} consumer exchange's request), or null when none runs. */
    SipRelayHandle of(SipServerExchange server);
}
