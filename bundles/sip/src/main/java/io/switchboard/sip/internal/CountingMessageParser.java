package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import io.switchboard.sip.SipSourceGuard;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the stack's message parser to count what arrives malformed and to answer it correctly:
 * messages that do not parse, that lack a header the stack needs (it drops them) or whose CSeq
 * method differs from the request method.
 * <p>
 * JAIN-SIP RI's own answers are wrong here: over UDP its automatic 400 puts the parse error (with a
 * line feed) in the status line and an empty line before Content-Length, and its 400 for a CSeq
 * mismatch has no To tag; over TCP it closes the connection. So this parser answers itself, the same
 * way on both transports, and hands the stack nothing ({@code null}, which both channels skip):
 * {@code 400 Bad Request (<parse error>)} built from the request's own Via/From/To/Call-ID/CSeq lines.
 * A TCP connection stays open when the bad request had no body (the stream is still in sync), and is
 * closed otherwise. Over UDP the 400 goes to the top Via's sent-by (the packet's source port is not
 * known before the stack has parsed the message).
 * <p>
 * The reason names what is wrong (the header that did not parse) and never carries the parser's own message, which
 * told an attacker what software answers ({@code Number format exception}).
 * <p>
 * Two things happen to a request before it is parsed at all: the {@link SipSourceGuard}, when one is registered,
 * decides on its source address (a flood or a banned source is dropped here, at the cost of a map lookup), and
 * {@link StrictParsing} refuses what the parser would take but RFC 3261 does not (505, and 400 with its reason).
 * <p>
 * The stack calls the parser with a {@link ParseExceptionListener} (the message channel) for network
 * input and with {@code null} when it re-parses its own messages; only network input is handled here.
 */
final class CountingMessageParser implements MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(CountingMessageParser.class);
    /** MessageChannel's byte-level send, protected in the RI: the only way to send text it cannot parse. */
    private static final Method SEND_BYTES = sendBytesMethod();
    /** The socket of a TCP channel, protected in the RI. */
    private static final Field CONNECTION_SOCKET = connectionSocketField();

    private final MessageParser delegate;
    private final LongAdder malformed;
    private final LongAdder responsesSent;
    private final LongAdder dropped;
    private final Supplier<SipSourceGuard> guard;
    /** The same messages by method, transport and status class, for the metrics bundle. */
    private final SipTraffic traffic;

    /** Thrown through the RI parser to abandon a message whose mandatory header did not parse. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String header;

        Rejected(String header) {
            super(header, null, false, false);
            this.header = header;
        }
    }

    CountingMessageParser(
            MessageParser delegate,
            LongAdder malformed,
            LongAdder responsesSent,
            LongAdder dropped,
            Supplier<SipSourceGuard> guard,
            SipTraffic traffic) {
        this.delegate = delegate;
        this.traffic = traffic;
        this.malformed = malformed;
        this.responsesSent = responsesSent;
        this.dropped = dropped;
        this.guard = guard;
    }

    @Override
    public SIPMessage parseSIPMessage(
            byte[] msgBytes, boolean readBody, boolean strict, ParseExceptionListener exhandler) throws ParseException {
        if (!(exhandler instanceof MessageChannel channel)) {
            return delegate.parseSIPMessage(msgBytes, readBody, strict, exhandler);
        }
        if (CaptureHook.active()) {
            // the bytes as they came, for the capture when the stack logs the message (CaptureServerLogger)
            CaptureHook.reading(msgBytes);
        }
        boolean isRequest = !isResponse(msgBytes);
        if (isRequest) {
            SipSourceGuard g = guard.get();
            SipSourceGuard.Verdict verdict = g == null
                    ? SipSourceGuard.Verdict.ACCEPT
                    : g.admit(channel.getPeerAddress(), channel.getTransport().toLowerCase(Locale.ROOT));
            if (verdict == SipSourceGuard.Verdict.DROP) {
                dropped.increment();
                return null;
            }
            if (verdict == SipSourceGuard.Verdict.FORBID) {
                dropped.increment();
                refuse(channel, msgBytes, 403, "Forbidden");
                return null;
            }
            StrictParsing.Refusal refusal =
                    StrictParsing.check(msgBytes, !(channel instanceof ConnectionOrientedMessageChannel));
            if (refusal != null) {
                malformed.increment();
                traffic.parseError(channel.getTransport());
                refuse(channel, msgBytes, refusal.status(), refusal.reason());
                return null;
            }
        }
        ParseExceptionListener listener = (ex, sipMessage, hdrClass, header, text) -> {
            if (isMandatory(hdrClass)) {
                throw new Rejected(headerName(hdrClass));
            }
            exhandler.handleException(ex, sipMessage, hdrClass, header, text);
        };
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(msgBytes, readBody, strict, listener);
        } catch (Rejected r) {
            malformed.increment();
            traffic.parseError(channel.getTransport());
            refuse(channel, msgBytes, 400, "Bad Request (malformed " + r.header + ")");
            return null;
        } catch (ParseException e) {
            malformed.increment();
            traffic.parseError(channel.getTransport());
            throw e;
        } catch (RuntimeException e) {
            // the RI parser throws unchecked exceptions on some garbage: make it a drop, not a crash
            malformed.increment();
            traffic.parseError(channel.getTransport());
            throw new ParseException("unparsable message: " + e, 0);
        }
        if (message == null) {
            return null;
        }
        if (complete(message)) {
            traffic.received(message, channel.getTransport(), isRetransmission(channel, message));
            return message;
        }
        malformed.increment();
        traffic.parseError(channel.getTransport());
        if (message instanceof SIPRequest request
                && hasAnswerHeaders(request)
                && !"ACK".equalsIgnoreCase(request.getMethod())) {
            rejectMismatch(channel, request, msgBytes);
            return null;
        }
        return message; // missing a mandatory header: the stack drops it
    }

    /**
     * A request other than ACK and CANCEL whose server transaction already exists: a retransmission the stack
     * absorbs (it answers with the transaction's last response). One lookup in the stack's transaction table (a
     * concurrent map), no lock.
     */
    static boolean isRetransmission(MessageChannel channel, SIPMessage message) {
        if (!(message instanceof SIPRequest request)) {
            return false;
        }
        String method = request.getMethod();
        if ("ACK".equals(method) || "CANCEL".equals(method) || request.getTopmostVia() == null) {
            return false;
        }
        return channel.getSIPStack().findTransaction(request, true) != null;
    }

    /** True when the message's Content-Length is absent or 0 (so nothing follows its header block). */
    static boolean hasNoBody(byte[] headerBytes) {
        String text = new String(headerBytes, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the bytes start with {@code SIP/}: a response (the guard and the strict checks are for requests). */
    static boolean isResponse(byte[] msgBytes) {
        return msgBytes.length >= 4
                && msgBytes[0] == 'S'
                && msgBytes[1] == 'I'
                && msgBytes[2] == 'P'
                && msgBytes[3] == '/';
    }

    /** Answers a request statelessly from its raw lines (nothing for a response or an ACK, RFC 3261 17.2.1). */
    private void refuse(MessageChannel channel, byte[] msgBytes, int status, String reason) {
        String text = new String(msgBytes, StandardCharsets.UTF_8);
        String reply = text.startsWith("SIP/") || text.startsWith("ACK ")
                ? null
                : BadRequestBuilder.build(text, status, reason);
        if (reply != null) {
            send(channel, reply.getBytes(StandardCharsets.UTF_8), BadRequestBuilder.topVia(text));
        }
        closeIfOutOfSync(channel, msgBytes);
    }

    private void rejectMismatch(MessageChannel channel, SIPRequest request, byte[] msgBytes) {
        try {
            SIPResponse response = request.createResponse(
                    400,
                    "Bad Request (CSeq method " + request.getCSeq().getMethod() + " does not match "
                            + request.getMethod() + ")");
            if (response.getTo().getTag() == null) {
                response.getTo().setTag(Tags.newTag()); // RFC 3261 8.2.6.2
            }
            send(channel, response.encodeAsBytes(channel.getTransport()), request.getTopmostVia());
        } catch (ParseException e) {
            LOG.debug("Could not build the 400 for a CSeq method mismatch", e);
        }
        closeIfOutOfSync(channel, msgBytes);
    }

    /** Over TCP a bad message with a body leaves the stream unreadable: drop the connection. */
    private static void closeIfOutOfSync(MessageChannel channel, byte[] msgBytes) {
        if (channel instanceof ConnectionOrientedMessageChannel && !hasNoBody(msgBytes)) {
            channel.close();
        }
    }

    /** TCP: on the connection the request came on. UDP: to the top Via's sent-by (RFC 3261 18.2.2). */
    private void send(MessageChannel channel, byte[] bytes, Via via) {
        try {
            if (channel instanceof ConnectionOrientedMessageChannel) {
                // straight onto the channel's own socket: the stack's send path looks sockets up by
                // peer address and may open a new connection instead
                Socket socket = (Socket) CONNECTION_SOCKET.get(channel);
                if (socket == null) {
                    return;
                }
                OutputStream out = socket.getOutputStream();
                synchronized (out) { // the lock the stack's IOHandler writes under
                    out.write(bytes);
                    out.flush();
                }
            } else {
                if (via == null) {
                    return;
                }
                String host = via.getReceived() != null ? via.getReceived() : via.getHost();
                int port = via.getPort() > 0 ? via.getPort() : 5060;
                SEND_BYTES.invoke(channel, bytes, InetAddress.getByName(host), port, false);
            }
            responsesSent.increment();
            traffic.rejectedUnparsable(channel.getTransport());
        } catch (Exception e) {
            LOG.debug("Could not send a 400 to a malformed request", e);
        }
    }

    /** The name of a header as it is written, for the reason of a 400. */
    private static String headerName(Class<?> hdrClass) {
        if (hdrClass == CallID.class) {
            return "Call-ID";
        }
        if (hdrClass == ContentLength.class) {
            return "Content-Length";
        }
        if (hdrClass == RequestLine.class) {
            return "request line";
        }
        return hdrClass.getSimpleName();
    }

    /** The headers whose parse errors make JAIN-SIP's channels reject the whole message. */
    private static boolean isMandatory(Class<?> hdrClass) {
        return hdrClass == From.class
                || hdrClass == To.class
                || hdrClass == CSeq.class
                || hdrClass == Via.class
                || hdrClass == CallID.class
                || hdrClass == ContentLength.class
                || hdrClass == RequestLine.class;
    }

    private static boolean hasAnswerHeaders(SIPRequest r) {
        return r.getCSeq() != null
                && r.getTopmostVia() != null
                && r.getFrom() != null
                && r.getTo() != null
                && r.getCallId() != null;
    }

    private static boolean complete(SIPMessage m) {
        if (!(m.getFrom() != null
                && m.getTo() != null
                && m.getCallId() != null
                && m.getCSeq() != null
                && m.getTopmostVia() != null)) {
            return false;
        }
        return !(m instanceof SIPRequest r)
                || r.getMethod().equalsIgnoreCase(m.getCSeq().getMethod());
    }

    private static Field connectionSocketField() {
        try {
            Field f = ConnectionOrientedMessageChannel.class.getDeclaredField("mySock");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("JAIN-SIP RI without ConnectionOrientedMessageChannel.mySock", e);
        }
    }

    private static Method sendBytesMethod() {
        try {
            Method m = MessageChannel.class.getDeclaredMethod(
                    "sendMessage", byte[].class, InetAddress.class, int.class, boolean.class);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    "JAIN-SIP RI without MessageChannel.sendMessage(byte[],InetAddress,int,boolean)", e);
        }
    }
}
