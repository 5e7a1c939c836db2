package io.switchboard.sip;

/**
 * Whiteboard service: every {@code SipProxyListener} registered in the OSGi service registry is told
 * about what {@code proxy:relay} does. Called synchronously in a SIP stack thread: return quickly.
 */
public interface SipProxyListener {

    void onProxyEvent(SipProxyEvent event);
}
