package io.switchboard.hep.internal;

import io.switchboard.hep.Hep3;
import io.switchboard.sip.SipCapture;
import java.net.InetSocketAddress;

/**
 * The SIP capture of the platform when HEP is enabled: each message becomes a HEPv3 packet with its real addresses,
 * transport and time, queued for the {@link HepSender}. Called on the SIP stack's threads: it encodes and queues,
 * nothing more. A message without both addresses or too large for one HEP packet is not sent (counted).
 */
final class HepCapture implements SipCapture {

    private final HepSender sender;
    private final int captureId;
    private final String authKey;
    private final boolean correlation;
    private final HepCounters counters;

    HepCapture(HepSender sender, long captureId, String authKey, boolean correlation, HepCounters counters) {
        this.sender = sender;
        this.counters = counters;
        this.captureId = (int) captureId;
        this.authKey = authKey;
        this.correlation = correlation;
    }

    @Override
    public void captured(
            byte[] message,
            String transport,
            InetSocketAddress source,
            InetSocketAddress destination,
            long epochMicros,
            String callId) {
        if (source == null || destination == null) {
            counters.unsendable.increment();
            return;
        }
        byte[] packet = Hep3.encode(
                !"udp".equals(transport),
                source,
                destination,
                epochMicros,
                captureId,
                authKey,
                correlation ? callId : null,
                message);
        if (packet == null) {
            counters.unsendable.increment();
            return;
        }
        sender.offer(packet);
    }
}
