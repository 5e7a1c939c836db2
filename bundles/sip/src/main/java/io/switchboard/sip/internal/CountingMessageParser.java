package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the stack's message parser to count what arrives malformed: messages that do not parse
 * and messages that parse but lack a header the stack needs (it then drops them silently) or whose
 * CSeq method differs from the request method (the stack answers 400).
 * <p>
 * For UDP the stack itself answers an unparsable request with {@code 400 Bad Request (<parse error>)}
 * when the request still has Via, CSeq, Call-ID, From and To lines (and a CSeq method mismatch with a
 * plain 400). On TCP JAIN-SIP instead closes the connection in both cases. This parser sends the same
 * 400 on the connection and, when the bad request has no body (so the stream is still in sync), skips
 * just that message and keeps the connection; with a body JAIN-SIP's close stands.
 * <p>
 * The stack calls the parser with a {@link ParseExceptionListener} (the message channel) for network
 * input and with {@code null} when it re-parses its own messages; only network input is counted.
 */
final class CountingMessageParser implements MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(CountingMessageParser.class);

    private final MessageParser delegate;
    private final LongAdder malformed;
    private final LongAdder responsesSent;

    CountingMessageParser(MessageParser delegate, LongAdder malformed, LongAdder responsesSent) {
        this.delegate = delegate;
        this.malformed = malformed;
        this.responsesSent = responsesSent;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] msgBytes, boolean readBody, boolean strict, ParseExceptionListener exhandler)
            throws ParseException {
        ParseExceptionListener listener = exhandler;
        ConnectionOrientedMessageChannel connection =
                exhandler instanceof ConnectionOrientedMessageChannel c ? c : null;
        boolean inSync = connection != null && hasNoBody(msgBytes);
        if (connection != null) {
            // JAIN-SIP's TCP channel closes the connection when a mandatory header does not parse. Answer
            // 400 first; and when the message has no body the stream is still in sync, so skip only this
            // message and keep the connection (a body would be read as the next message).
            listener = (ex, sipMessage, hdrClass, header, text) -> {
                if (isMandatory(hdrClass)) {
                    rejectOnConnection(connection, msgBytes, ex);
                    if (inSync) {
                        throw ex;
                    }
                }
                exhandler.handleException(ex, sipMessage, hdrClass, header, text);
            };
        }
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(msgBytes, readBody, strict, listener);
        } catch (ParseException e) {
            if (exhandler != null) {
                malformed.increment();
            }
            throw e;
        } catch (RuntimeException e) {
            // the RI parser throws unchecked exceptions on some garbage; make it a drop, not a crash
            if (exhandler != null) {
                malformed.increment();
            }
            throw new ParseException("unparsable message: " + e, 0);
        }
        if (message != null && exhandler != null && !complete(message)) {
            malformed.increment();
            if (inSync && message instanceof SIPRequest request && request.getCSeq() != null && request.getTopmostVia() != null
                    && request.getFrom() != null && request.getTo() != null && request.getCallId() != null) {
                // CSeq method differs from the method: JAIN-SIP's TCP channel answers 400 and then drops the
                // connection; answer here and skip just this message
                rejectMismatch(connection, request);
                return null;
            }
        }
        return message;
    }

    /** True when the message's Content-Length is absent or 0 (so nothing follows its header block). */
    static boolean hasNoBody(byte[] headerBytes) {
        String text = new String(headerBytes, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n")) {
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

    private void rejectMismatch(ConnectionOrientedMessageChannel channel, SIPRequest request) {
        try {
            SIPResponse response = request.createResponse(400, "Bad Request (CSeq method " + request.getCSeq().getMethod()
                    + " does not match " + request.getMethod() + ")");
            if (response.getTo().getTag() == null) {
                response.getTo().setTag(Tags.newTag());
            }
            channel.sendMessage(response);
            responsesSent.increment();
        } catch (Exception e) {
            LOG.debug("Could not send 400 for a CSeq method mismatch over TCP", e);
        }
    }

    /** The headers whose parse errors make JAIN-SIP's channels reject the whole message. */
    private static boolean isMandatory(Class<?> hdrClass) {
        return hdrClass == From.class || hdrClass == To.class || hdrClass == CSeq.class || hdrClass == Via.class
                || hdrClass == CallID.class || hdrClass == ContentLength.class || hdrClass == RequestLine.class;
    }

    private static boolean complete(SIPMessage m) {
        if (m.getFrom() == null || m.getTo() == null || m.getCallId() == null || m.getCSeq() == null
                || m.getTopmostVia() == null) {
            return false;
        }
        if (m instanceof SIPRequest r) {
            return r.getMethod().equalsIgnoreCase(m.getCSeq().getMethod());
        }
        return true;
    }

    /**
     * A response whose wire form is fixed text: the 400 copies the request's header lines verbatim,
     * including the one that did not parse, so it cannot be built as a parsed message.
     */
    static final class RawResponse extends SIPResponse {
        private static final long serialVersionUID = 1L;
        private final byte[] raw;

        RawResponse(byte[] raw) throws ParseException {
            this.raw = raw;
            setStatusCode(400);
            Via via = new Via();
            via.setSentProtocol(new Protocol());
            via.setTransport("TCP");
            via.setHost("0.0.0.0");
            setHeader(via);
        }

        @Override
        public byte[] encodeAsBytes(String transport) {
            return raw;
        }
    }

    /** Sends {@code 400 Bad Request (<parse error>)} for an unparsable request received over TCP. */
    private void rejectOnConnection(ConnectionOrientedMessageChannel channel, byte[] msgBytes, ParseException e) {
        String text = new String(msgBytes, StandardCharsets.UTF_8);
        if (text.startsWith("SIP/") || text.startsWith("ACK ")) {
            return;
        }
        String reply = BadRequestBuilder.build(text, e.getMessage());
        if (reply == null) {
            return;
        }
        try {
            channel.sendMessage(new RawResponse(reply.getBytes(StandardCharsets.UTF_8)));
            responsesSent.increment();
        } catch (Exception ex) {
            LOG.debug("Could not send 400 for an unparsable request over TCP", ex);
        }
    }
}
