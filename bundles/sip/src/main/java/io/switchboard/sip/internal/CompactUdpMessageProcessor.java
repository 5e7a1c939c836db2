package io.switchboard.sip.internal;

import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * <b>One call, one worker.</b> The RI's workers take datagrams from one shared queue, so two messages of the same call
 * that arrive close together (a 180 and the 200 that follows it 20 ms later, queued behind a collector pause) are
 * handled by two threads at once and the 200 may be relayed before the 180: a reordering the proxy itself created,
 * which a strict UA (SIPp) takes as a failed call. Here each worker has a queue of its own and a datagram goes to
 * the worker its Call-ID hashes to ({@link #workerOf}), so the messages of one call are handled, and relayed, in the
 * order they arrived, as a single Kamailio worker would. Datagrams without a Call-ID (keep-alives, garbage) go round
 * the workers. A datagram that waited longer than the stack's congestion timeout is dropped unhandled, as the RI's
 * congestion auditor drops it from the shared queue (the sender retransmits). If the RI's private
 * {@code processIncomingDataPacket} cannot be reached (another RI version), the workers fall back to the RI's
 * shared queue, with a warning.
 * <p>
 * Everything else is the RI's: the socket, its buffer sizes, the worker threads (same names, same number), how a
 * datagram is parsed and handled, sending and stopping. A datagram longer than the maximum is cut at it, as the RI's
 * loop cuts it, so the parser and {@link StrictParsing} see the same bytes as before.
 */
final class CompactUdpMessageProcessor extends UDPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);
    /** As the RI: warn about the first few socket errors, then stay quiet (a flood must not flood the log). */
    private static final int MAX_ERRORS_LOGGED = 10;
    /** The Call-ID header's name in lower case (its compact form is {@code i}). */
    private static final byte[] CALL_ID = "call-id".getBytes(StandardCharsets.US_ASCII);

    /** The RI's private {@code UDPMessageChannel.processIncomingDataPacket}; null: the RI's shared queue is used. */
    private static final MethodHandle PROCESS = processHandle();

    private final int workers;
    private final int maxMessageSize;
    private int errorsLogged;
    private volatile Worker[] ordered;
    private int nextWithoutCallId;

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
        Worker[] all = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            all[i] = new Worker(stack, this, prefix + i, PROCESS == null ? null : new LinkedBlockingQueue<>());
            channels.add(all[i]);
        }
        this.messageChannels = channels;
        this.ordered = PROCESS == null ? null : all;
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
                dispatch(new DatagramQueuedMessageDispatch(copy(received), System.currentTimeMillis()));
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

    /** Queues a datagram: on the worker of its call, or on the RI's shared queue. */
    private void dispatch(DatagramQueuedMessageDispatch work) {
        Worker[] all = ordered;
        if (all == null) {
            messageQueue.offer(work);
            return;
        }
        byte[] bytes = work.packet.getData();
        int w = workerOf(bytes, work.packet.getLength(), all.length);
        if (w < 0) {
            w = nextWithoutCallId;
            nextWithoutCallId = (w + 1) % all.length;
        }
        all[w].queue.offer(work);
    }

    /**
     * The worker of a message: its Call-ID (or compact {@code i}) header value hashed over {@code workers}; -1 when
     * the header part has none. Only the bytes of the value count, so every message of a call, requests and
     * responses, in either direction, has the same worker.
     */
    static int workerOf(byte[] b, int length, int workers) {
        int i = 0;
        while (i < length) {
            int end = i;
            while (end < length && b[end] != '\n') {
                end++;
            }
            int lineEnd = end > i && b[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == i) {
                return -1; // the empty line: the body follows
            }
            int value = callIdValue(b, i, lineEnd);
            if (value >= 0) {
                while (value < lineEnd && (b[value] == ' ' || b[value] == '\t')) {
                    value++;
                }
                int last = lineEnd;
                while (last > value && (b[last - 1] == ' ' || b[last - 1] == '\t')) {
                    last--;
                }
                int h = 0;
                for (int k = value; k < last; k++) {
                    h = 31 * h + b[k];
                }
                return Math.floorMod(h, workers);
            }
            i = end + 1;
        }
        return -1;
    }

    /** Where the value starts when the line from {@code from} to {@code to} is a Call-ID header; -1 otherwise. */
    private static int callIdValue(byte[] b, int from, int to) {
        int nameEnd = from;
        while (nameEnd < to && b[nameEnd] != ':' && b[nameEnd] != ' ' && b[nameEnd] != '\t') {
            nameEnd++;
        }
        int colon = nameEnd;
        while (colon < to && (b[colon] == ' ' || b[colon] == '\t')) {
            colon++;
        }
        if (colon >= to || b[colon] != ':') {
            return -1;
        }
        int n = nameEnd - from;
        boolean compact = n == 1 && (b[from] | 0x20) == 'i';
        boolean full = n == CALL_ID.length;
        for (int k = 0; full && k < n; k++) {
            full = (b[from + k] | 0x20) == CALL_ID[k];
        }
        return compact || full ? colon + 1 : -1;
    }

    private static MethodHandle processHandle() {
        try {
            Method m = UDPMessageChannel.class.getDeclaredMethod("processIncomingDataPacket", DatagramPacket.class);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "UDP workers share one queue: the RI's processIncomingDataPacket is not reachable ({})",
                    e.toString());
            return null;
        }
    }

    boolean running() {
        return isRunning;
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

    /**
     * One of the RI's worker channels, with a queue of its own. The RI's constructor starts the thread, so {@link
     * #run} waits until the constructor has set the queue.
     */
    private static final class Worker extends UDPMessageChannel {

        private final CompactUdpMessageProcessor processor;
        private volatile BlockingQueue<DatagramQueuedMessageDispatch> queue;
        private volatile boolean constructed;

        Worker(
                SIPTransactionStack stack,
                CompactUdpMessageProcessor processor,
                String threadName,
                BlockingQueue<DatagramQueuedMessageDispatch> queue) {
            super(stack, processor, threadName);
            this.processor = processor;
            this.queue = queue;
            this.constructed = true;
        }

        @Override
        public void run() {
            while (!constructed) {
                LockSupport.parkNanos(1_000_000L);
            }
            BlockingQueue<DatagramQueuedMessageDispatch> own = queue;
            if (own == null) {
                super.run(); // the RI's loop on the shared queue
                return;
            }
            ThreadAuditor auditor = sipStack.getThreadAuditor();
            ThreadAuditor.ThreadHandle handle =
                    auditor != null && auditor.isEnabled() ? auditor.addCurrentThread() : null;
            int timeout = sipStack.getStackCongestionControlTimeout();
            while (processor.running()) {
                DatagramQueuedMessageDispatch work;
                try {
                    if (handle != null) {
                        handle.ping();
                        work = own.poll(handle.getPingIntervalInMillisecs(), TimeUnit.MILLISECONDS);
                    } else {
                        work = own.take();
                    }
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (work == null) {
                    continue;
                }
                if (timeout > 0 && System.currentTimeMillis() - work.getReceptionTime() > timeout) {
                    continue; // as the RI's congestion auditor: too late to be useful, the sender retransmits
                }
                try {
                    PROCESS.invokeExact((UDPMessageChannel) this, work.packet);
                } catch (Throwable e) {
                    LOG.warn("UDP datagram from {}:{} not handled", work.packet.getAddress(), work.packet.getPort(), e);
                }
            }
        }
    }
}
