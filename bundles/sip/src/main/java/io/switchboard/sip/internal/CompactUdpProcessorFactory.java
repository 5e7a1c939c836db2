package io.switchboard.sip.internal;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

/**
 * The stack's message processor factory: UDP listening points get {@link CompactUdpMessageProcessor}, every other
 * transport the RI's default ({@link OIOMessageProcessorFactory}) as before.
 * <p>
 * The RI's factory also raises the stack's package-private {@code udpFlag} when it creates a UDP processor; without
 * it every UDP send opens a socket of its own (another source port). No API sets it, so it is set here by
 * reflection, once per stack, and a stack whose flag cannot be set refuses to start rather than send wrongly.
 */
final class CompactUdpProcessorFactory implements MessageProcessorFactory {

    private final MessageProcessorFactory others = new OIOMessageProcessorFactory();
    private final int workers;

    /** @param workers the stack's THREAD_POOL_SIZE: worker channels started per UDP listening point */
    CompactUdpProcessorFactory(int workers) {
        this.workers = workers;
    }

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if (!"udp".equalsIgnoreCase(transport)) {
            return others.createMessageProcessor(stack, address, port, transport);
        }
        CompactUdpMessageProcessor processor = new CompactUdpMessageProcessor(address, stack, port, workers);
        try {
            Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            flag.setAccessible(true);
            flag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            processor.stop();
            throw new IOException("cannot mark the stack as listening on UDP (JAIN-SIP RI changed?)", e);
        }
        return processor;
    }
}
