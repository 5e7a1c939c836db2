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
 * when the request still has Via, CSeq, Call-ID, From and To lines. On TCP JAIN-SIP instead closes the
 * connection when a mandatory header does not parse; this parser first sends the same 400 on it.
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
        if (exhandler instanceof ConnectionOrientedMessageChannel channel) {
            // JAIN-SIP's TCP channel closes the connection when a mandatory header does not parse:
            // answer 400 on it first.
            listener = (ex, sipMessage, hdrClass, header, message) -> {
                if (isMandatory(hdrClass)) {
                    rejectOnConnection(channel, msgBytes, ex);
                }
                exhandler.handleException(ex, sipMessage, hdrClass, header, message);
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
        }
        return message;
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
