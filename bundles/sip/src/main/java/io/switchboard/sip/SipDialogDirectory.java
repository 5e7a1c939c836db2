package io.switchboard.sip;

/**
 * Whiteboard service: a bundle that tracks dialogs (bundles/dialog does) tells {@code proxy:relay} whether a request
 * belongs to one of them. The proxy answers an in-dialog request that does not route through it (no Route for us and
 * a foreign Request-URI) {@code 404 Not here} unless a directory tracks its dialog, and writes a log line for every
 * request it relays that no directory tracks. An SPI here, in the sip API, so that the proxy never depends on the
 * dialog bundle: without one registered no dialog is known. Called in a SIP stack thread: return quickly.
 */
public interface SipDialogDirectory {

    /**
     * True when a request with this Call-ID and these tags (in either direction: a request of the callee has the
     * caller's tag as To tag) belongs to a dialog this directory tracks.
     *
     * @param toTag the request's To tag; null for a request outside a dialog
     */
    boolean tracks(String callId, String fromTag, String toTag);
}
