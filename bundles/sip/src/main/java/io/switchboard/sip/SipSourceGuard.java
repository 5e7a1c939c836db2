package io.switchboard.sip;

/**
 * Whiteboard service: decides, for every request that arrives from the network, before it is parsed, whether its
 * source address may be served. The {@code sip} component asks the one registered guard (bundles/pike implements
 * it: per-source rate limit and bans) right where a datagram or a TCP message enters, so that a flood costs a map
 * lookup per message instead of a parse, a transaction and a route. Responses are never asked about: they answer
 * our own requests. An SPI here, in the sip API, so that the sip bundle never depends on who guards: without one
 * registered every source is served. Called in the SIP stack's receiving threads, for every request: return quickly,
 * without locks or I/O.
 */
public interface SipSourceGuard {

    /** What happens to a request. */
    enum Verdict {
        /** Parsed and served as usual. */
        ACCEPT,
        /** Discarded unparsed and unanswered (counted as {@code dropped} in {@code sip:status}). */
        DROP,
        /** Answered {@code 403 Forbidden} statelessly, never routed. */
        FORBID
    }

    /**
     * @param sourceAddress the address the request came from, as {@code InetAddress.getHostAddress()} prints it
     * @param transport {@code udp} or {@code tcp}
     */
    Verdict admit(String sourceAddress, String transport);
}
