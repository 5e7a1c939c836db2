package io.switchboard.sip.internal;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageProcessor;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is a TCP connection to a peer open: the stack caches every connection it accepted (its server connection cache,
 * {@code gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS}, on by default) under the peer's address and port, and sends a
 * request for that address and port over it. The cache has no public lookup; it is read here (the stack is embedded
 * in this bundle, its version fixed), and an unreadable cache counts as "not open" (the request then goes to the
 * contact's own address, as without this).
 */
final class OpenConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OpenConnections.class);
    private static final Field CHANNELS = channelsField();

    private OpenConnections() {}

    private static Field channelsField() {
        try {
            Field f = ConnectionOrientedMessageProcessor.class.getDeclaredField("messageChannels");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JAIN-SIP connection cache not readable: requests to TCP contacts open new connections", e);
            return null;
        }
    }

    /** True when {@code provider}'s stack has an open {@code transport} connection with {@code address:port}. */
    static boolean isOpen(SipProviderImpl provider, String transport, String address, int port) {
        if (provider == null || CHANNELS == null) {
            return false;
        }
        try {
            String key =
                    MessageChannel.getKey(InetAddress.getByName(address), port, transport.toUpperCase(Locale.ROOT));
            for (ListeningPoint lp : provider.getListeningPoints()) {
                MessageProcessor mp = ((ListeningPointImpl) lp).getMessageProcessor();
                if (mp instanceof ConnectionOrientedMessageProcessor co
                        && transport.equalsIgnoreCase(mp.getTransport())
                        && ((Map<?, ?>) CHANNELS.get(co)).containsKey(key)) {
                    return true;
                }
            }
        } catch (Exception e) {
            LOG.debug("Cannot look up a connection to {}:{}", address, port, e);
        }
        return false;
    }
}
