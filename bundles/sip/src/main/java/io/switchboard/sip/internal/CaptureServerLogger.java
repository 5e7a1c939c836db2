package io.switchboard.sip.internal;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetSocketAddress;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * JAIN-SIP RI's message log ({@code gov.nist.javax.sip.SERVER_LOGGER}) turned into the capture of what we send: the
 * stack calls it for every message its channels write, the stack's own retransmissions and 100 Trying included,
 * with the peer's address; the bytes are the message encoded again (the stack sends {@code encodeAsBytes} of this
 * very object, so they are the same). For a received message it is called too, on the thread that read and parsed
 * it: the capture takes the raw bytes {@link CountingMessageParser} kept (a parsed message encodes differently from
 * what was on the wire) and the packet's addresses the channel set on the message. The
 * stack only calls it while {@link StackLog} says message tracing is on, which it is while a capture is installed.
 */
public final class CaptureServerLogger implements ServerLogger {

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (sender) {
            sent(message, from, to);
        } else {
            received(message, from, to);
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        if (sender) {
            sent(message, from, to);
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        if (sender) {
            sent(message, from, to);
        }
    }

    /**
     * A message the stack read: its addresses from the message (the packet's source, set by the channel; the
     * logged peer is the Via's), its bytes as read (see {@link CaptureHook#received}).
     */
    private static void received(SIPMessage message, String from, String to) {
        if (!CaptureHook.active() || message.getTopmostVia() == null) {
            return;
        }
        String transport = message.getTopmostVia().getTransport();
        InetSocketAddress source = message.getPeerPacketSourceAddress() == null
                ? address(from)
                : new InetSocketAddress(message.getPeerPacketSourceAddress(), message.getPeerPacketSourcePort());
        InetSocketAddress destination = message.getLocalAddress() == null
                ? address(to)
                : new InetSocketAddress(message.getLocalAddress(), message.getLocalPort());
        CaptureHook.received(
                message.encodeAsBytes(transport),
                message.getRawContent(),
                transport,
                source,
                destination,
                message.getCallId() == null ? null : message.getCallId().getCallId());
    }

    private static void sent(SIPMessage message, String from, String to) {
        if (!CaptureHook.active() || message.getTopmostVia() == null) {
            return;
        }
        String transport = message.getTopmostVia().getTransport();
        CaptureHook.captured(
                message.encodeAsBytes(transport),
                transport,
                address(from),
                address(to),
                message.getCallId() == null ? null : message.getCallId().getCallId());
    }

    /** {@code host:port} as the stack writes it ({@code [v6]:port} too); null when it is not one. */
    static InetSocketAddress address(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void closeLogFile() {}

    @Override
    public void logException(Exception ex) {}

    @Override
    public void setStackProperties(Properties stackProperties) {}

    @Override
    public void setSipStack(SipStack sipStack) {}
}
