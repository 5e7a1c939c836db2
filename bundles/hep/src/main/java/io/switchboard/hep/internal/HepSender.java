package io.switchboard.hep.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HEP packets to the collector from a thread of its own, so that a slow or absent collector never slows the
 * SIP path: {@link #offer} only puts the packet in a bounded queue and, when it is full, drops it and counts it. Over
 * UDP a packet is a datagram; over TCP the packets follow each other on one connection (HEP frames itself by its
 * length field), opened on demand and opened again after a failure, at most once a second; packets that arrive
 * while it is down are dropped and counted.
 */
final class HepSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HepSender.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final InetSocketAddress collector;
    private final boolean tcp;
    private final BlockingQueue<byte[]> queue;
    private final Thread thread;
    private final HepCounters counters;
    private volatile boolean running = true;

    private DatagramSocket udp;
    private Socket socket;
    private OutputStream stream;
    private long lastAttempt;

    HepSender(InetSocketAddress collector, boolean tcp, int capacity, HepCounters counters) {
        this.collector = collector;
        this.counters = counters;
        this.tcp = tcp;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "switchboard-hep-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a packet; false (and counted as dropped) when the queue is full. Never blocks. */
    boolean offer(byte[] packet) {
        if (queue.offer(packet)) {
            return true;
        }
        counters.dropped.increment();
        return false;
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        while (running) {
            byte[] packet;
            try {
                packet = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (packet != null) {
                send(packet);
            }
        }
    }

    private void send(byte[] packet) {
        try {
            if (tcp) {
                if (stream == null && !connect()) {
                    counters.dropped.increment();
                    return;
                }
                stream.write(packet);
                stream.flush();
            } else {
                if (udp == null) {
                    udp = new DatagramSocket();
                }
                udp.send(new DatagramPacket(packet, packet.length, collector));
            }
            counters.sent.increment();
        } catch (IOException e) {
            counters.failed.increment();
            LOG.debug("HEP packet to {} not sent", collector, e);
            closeConnection();
        }
    }

    private boolean connect() {
        long now = System.currentTimeMillis();
        if (now - lastAttempt < RECONNECT_MILLIS) {
            return false;
        }
        lastAttempt = now;
        try {
            Socket s = new Socket();
            s.connect(collector, 2000);
            s.setTcpNoDelay(true);
            socket = s;
            stream = s.getOutputStream();
            LOG.info("HEP over TCP to {} connected", collector);
            return true;
        } catch (IOException e) {
            LOG.warn(
                    "HEP collector {} (tcp) unreachable: {}; packets are dropped until it is",
                    collector,
                    e.getMessage());
            return false;
        }
    }

    private void closeConnection() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the HEP connection", e);
        }
        socket = null;
        stream = null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
        if (udp != null) {
            udp.close();
        }
    }
}
