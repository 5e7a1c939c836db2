package io.switchboard.sip;

import org.apache.camel.Message;

/**
 * The answer a component gives to the request of a sip consumer exchange: it only sets {@link SipHeaders#STATUS},
 * {@link SipHeaders#REASON} and answer headers on the message, and the consumer sends them when the route ends
 * (or {@code sip:reply} does). Written once so that every component answers the same way, in particular while its
 * service restarts.
 */
public final class SipAnswers {

    /** The {@code Retry-After} of a component whose service is restarting: long enough for a settings change. */
    public static final int RESTARTING_RETRY_AFTER_SECONDS = 5;

    private SipAnswers() {}

    /** The longest reason phrase sent; longer ones (an exception's message, say) are cut. */
    public static final int MAX_REASON_LENGTH = 200;

    /**
     * Status and reason of the answer; a null reason leaves the consumer the default phrase of the status. The reason
     * is made one printable line of at most {@value #MAX_REASON_LENGTH} characters, since reasons often carry a
     * message from elsewhere and a Reason-Phrase may hold no CR or LF (RFC 3261 25.1).
     */
    public static void answer(Message m, int status, String reason) {
        m.setHeader(SipHeaders.STATUS, status);
        if (reason != null) {
            m.setHeader(SipHeaders.REASON, reasonPhrase(reason));
        }
    }

    /** {@code text} as a Reason-Phrase: control characters become spaces, cut at {@value #MAX_REASON_LENGTH}. */
    public static String reasonPhrase(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH));
        for (int i = 0; i < text.length() && sb.length() < MAX_REASON_LENGTH; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    /** A {@code Retry-After} header (RFC 3261 20.33) in the answer. */
    public static void retryAfter(Message m, int seconds) {
        m.setHeader(SipHeaders.HEADER_PREFIX + "Retry-After", Integer.toString(seconds));
    }

    /**
     * {@code 503 <service> Restarting} with {@code Retry-After: 5}: the service behind a component is away for a
     * moment (a settings change or bundle restart), so the client should come back soon, not give up. An ACK gets
     * nothing: it is never answered (RFC 3261 17.2.1).
     */
    public static void restarting(Message m, String service) {
        if ("ACK".equals(m.getHeader(SipHeaders.METHOD))) {
            return;
        }
        answer(m, 503, service + " Restarting");
        retryAfter(m, RESTARTING_RETRY_AFTER_SECONDS);
    }
}
