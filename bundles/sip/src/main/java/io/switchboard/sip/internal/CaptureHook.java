package io.switchboard.sip.internal;

import io.switchboard.sip.SipCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture service while one is installed (bundles/hep), read once per message: off, it costs a volatile read.
 * A capture that throws is logged once per failure kind and never disturbs the SIP path.
 */
final class CaptureHook {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureHook.class);

    private static volatile SipCapture capture;

    private CaptureHook() {}

    /** A message being read on this thread: its bytes and when (the stack parses and logs it on one thread). */
    private record Reading(byte[] bytes, long at) {}

    private static final ThreadLocal<Reading> READING = new ThreadLocal<>();

    static void use(SipCapture c) {
        capture = c;
    }

    /** The raw bytes of the message this thread is about to parse, and the time it was read. */
    static void reading(byte[] bytes) {
        READING.set(new Reading(bytes, nowMicros()));
    }

    /**
     * A message the stack received: the bytes this thread read for it (the parsed message encodes differently from
     * the wire), or its encoding when the stack parsed it elsewhere.
     */
    static void received(
            byte[] encoded,
            byte[] body,
            String transport,
            InetSocketAddress from,
            InetSocketAddress to,
            String callId) {
        Reading r = READING.get();
        READING.remove();
        if (r == null) {
            captured(encoded, transport, from, to, callId);
        } else if ("udp".equalsIgnoreCase(transport)) {
            captured(r.at(), r.bytes(), transport, from, to, callId);
        } else {
            captured(r.at(), streamed(r.bytes(), body), transport, from, to, callId);
        }
    }

    /**
     * A stream message as it was sent: the RI's stream parser hands over the header lines it read joined by line
     * feeds (and reads the body apart), so the lines are joined by CRLF again, as RFC 3261 writes them, and the
     * body follows the empty line.
     */
    static byte[] streamed(byte[] headers, byte[] body) {
        String text = new String(headers, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
            text = text.substring(0, end);
        }
        StringBuilder sb = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isEmpty()) {
                sb.append(l).append("\r\n");
            }
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null || body.length == 0) {
            return head;
        }
        byte[] out = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    static boolean active() {
        return capture != null;
    }

    static void captured(
            byte[] message, String transport, InetSocketAddress from, InetSocketAddress to, String callId) {
        captured(nowMicros(), message, transport, from, to, callId);
    }

    static void captured(
            long at, byte[] message, String transport, InetSocketAddress from, InetSocketAddress to, String callId) {
        SipCapture c = capture;
        if (c == null) {
            return;
        }
        try {
            c.captured(message, transport.toLowerCase(Locale.ROOT), from, to, at, callId);
        } catch (RuntimeException e) {
            LOG.debug("SIP capture failed", e);
        }
    }

    static InetSocketAddress address(InetAddress address, int port) {
        return address == null ? null : new InetSocketAddress(address, port);
    }

    /** A literal address (as the stack keeps its peers'); null when absent or not a literal. */
    static InetSocketAddress address(String literal, int port) {
        if (literal == null || literal.isEmpty() || port <= 0) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (IOException e) {
            return null;
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
