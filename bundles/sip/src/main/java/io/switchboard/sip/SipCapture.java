package io.switchboard.sip;

import java.net.InetSocketAddress;

/**
 * A copy of every SIP message the platform reads from or writes to the network, as it is on the wire (HEP capture,
 * bundles/hep). Publish an OSGi service of this type; the sip bundle calls it on its I/O threads, so an
 * implementation must return at once (queue and drop, never block or do I/O).
 */
public interface SipCapture {

    /**
     * One message.
     *
     * @param message     the bytes of the message (a UDP datagram's payload, or one message of a TCP stream)
     * @param transport   {@code udp} or {@code tcp}
     * @param source      where it came from (for a message we sent: our listener's address)
     * @param destination where it went
     * @param epochMicros when it was read or written, microseconds since the epoch
     * @param callId      its Call-ID, or null when it did not parse
     */
    void captured(
            byte[] message,
            String transport,
            InetSocketAddress source,
            InetSocketAddress destination,
            long epochMicros,
            String callId);
}
