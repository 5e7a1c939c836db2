package io.switchboard.sip;

import java.util.List;

/** Counters of one SIP connector (one listening address). Values only grow while the connector runs. */
public interface SipStatistics {

    /** Listening address, {@code host:port}. */
    String address();

    /** Transports listened on, e.g. {@code [udp, tcp]}. */
    List<String> transports();

    /** Requests received (ACK included; retransmissions absorbed by the stack are not). */
    long requestsReceived();

    /** Responses sent (provisional and final, including stateless 400/503). */
    long responsesSent();

    /** Requests sent (ACK included). */
    long requestsSent();

    /** Responses received. */
    long responsesReceived();

    /** Messages that could not be parsed or lacked mandatory headers (rejected with 400 or dropped). */
    long malformedMessages();

    /**
     * Requests discarded before they were parsed because the source guard ({@link SipSourceGuard}: a flood, a banned
     * source) said so, or answered 403 on its word.
     */
    default long droppedRequests() {
        return 0;
    }
}
