package io.switchboard.sip.internal;

import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RI's UDP listening point with a receive loop that does not allocate {@code MAX_MESSAGE_SIZE} per datagram.
 * <p>
 * {@link UDPMessageProcessor#run()} allocates a new array of the stack's maximum message size (16 KiB here) for every
 * datagram it receives and queues it whole, for messages of about 500 bytes: a quarter of all bytes allocated at
 * 1,000 calls/s (BENCHMARKS.md, "Call path profile"). This loop receives into one array of that size owned by the
 * processor's single receive thread and queues a copy of exactly the datagram's bytes; the RI's worker channels take
 * it from the same queue and handle it as before (the channel copies the bytes once more, as it always did).
 * <p>
 * Everything else is the RI's: the socket, its buffer sizes, the queue and its congestion auditor, the worker
 * threads (same names, same number), sending and stopping. A datagram longer than the maximum is cut at it, as the
 * RI's loop cuts it, so the parser and {@link StrictParsing} see the same bytes as before.
 */
final class CompactUdpMessageProcessor extends UDPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);
    /** As the RI: warn about the first few socket errors, then stay quiet (a flood must not flood the log). */
    private static final int MAX_ERRORS_LOGGED = 10;

    private final int workers;
    private final int maxMessageSize;
    private int errorsLogged;

    CompactUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, int workers)
            throws IOException {
        super(address, stack, port);
        this.workers = workers;
        int configured = stack.getMaxMessageSize();
        int datagramMax = SipStackImpl.MAX_DATAGRAM_SIZE;
        this.maxMessageSize = configured > 0 && configured < datagramMax ? configured : datagramMax;
    }

    /** The largest datagram read whole; longer ones are cut at this length. */
    int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public void run() {
        SIPTransactionStack stack = getSIPStack();
        LinkedList<UDPMessageChannel> channels = new LinkedList<>();
        String prefix = ((SipStackImpl) stack).getStackName() + "-UDPMessageChannelThread-";
        for (int i = 0; i < workers; i++) {
            channels.add(new Worker(stack, this, prefix + i));
        }
        this.messageChannels = channels;
        ThreadAuditor auditor = stack.getThreadAuditor();
        ThreadAuditor.ThreadHandle handle = auditor == null ? null : auditor.addCurrentThread();
        byte[] buffer = new byte[maxMessageSize];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            if (handle != null) {
                handle.ping();
            }
            try {
                received.setLength(buffer.length);
                sock.receive(received);
                messageQueue.offer(new DatagramQueuedMessageDispatch(copy(received), System.currentTimeMillis()));
                errorsLogged = 0;
            } catch (SocketTimeoutException auditTick) {
                // the thread auditor's receive timeout: ping and go on
            } catch (SocketException closed) {
                if (!isRunning) {
                    return;
                }
                logError(closed);
            } catch (IOException | RuntimeException e) {
                logError(e);
            }
        }
    }

    /** The datagram's bytes in an array of their own, with its source, as the RI's channels expect it. */
    static DatagramPacket copy(DatagramPacket received) {
        int offset = received.getOffset();
        byte[] bytes = Arrays.copyOfRange(received.getData(), offset, offset + received.getLength());
        return new DatagramPacket(bytes, bytes.length, received.getAddress(), received.getPort());
    }

    private void logError(Exception e) {
        if (errorsLogged < MAX_ERRORS_LOGGED) {
            errorsLogged++;
            LOG.warn(
                    "UDP receive on {}:{} failed ({}){}",
                    getIpAddress().getHostAddress(),
                    getPort(),
                    e.toString(),
                    errorsLogged == MAX_ERRORS_LOGGED ? "; further errors are not logged" : "");
        }
    }

    /** One of the RI's worker channels; a subclass only because the RI's constructor is protected. */
    private static final class Worker extends UDPMessageChannel {
        Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }
    }
}
