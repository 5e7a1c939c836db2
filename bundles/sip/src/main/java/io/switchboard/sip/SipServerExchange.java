package io.switchboard.sip;

import java.util.List;
import java.util.Map;

/**
 * The server side of one incoming SIP request (one server transaction). Found in the exchange
 * property {@link SipHeaders#SERVER_EXCHANGE} of every consumer exchange except ACK.
 * Thread-safe: a response may be sent from any thread, also after the route has ended when the
 * exchange property {@link SipHeaders#REPLY_DEFERRED} was set.
 */
public interface SipServerExchange {

    /** The request. */
    SipMessage request();

    /**
     * Sends a response on the request's server transaction.
     *
     * @param status      100..699; a status below 200 is provisional, any number may be sent before the final one
     * @param reason      reason phrase, null for the standard one
     * @param headers     extra headers (name to values, each value one header instance), may be null
     * @param contentType Content-Type of the body, null for no body
     * @param body        the body, null for no body
     * @throws IllegalStateException when a final response was already sent
     * @throws IllegalArgumentException when a header or the status is invalid
     */
    void respond(int status, String reason, Map<String, List<String>> headers, String contentType, byte[] body);

    /** True once a final (>= 200) response has been sent. */
    boolean finalResponseSent();

    /** The To tag this transaction puts in its responses (generated when the request had none). */
    String localTag();
}
