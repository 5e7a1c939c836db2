package io.switchboard.diameter;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Diameter node of this platform as other bundles see it (an OSGi service): it builds requests with this node's
 * identity, sends them to a peer and completes with the answer, and hands incoming requests of an application to
 * one handler (the {@code diameter:} consumer). Peer connections, capability exchange and watchdogs stay inside.
 */
public interface DiameterStack {

    /** Our Origin-Host. */
    String originHost();

    /** Our Origin-Realm. */
    String originRealm();

    DiameterDictionary dictionary();

    /**
     * A request of {@code command} (name or abbreviation) carrying Session-Id (for an application other than the base
     * protocol), Origin-Host, Origin-Realm, Destination-Realm, and for a vendor-specific application its
     * Vendor-Specific-Application-Id and Auth-Session-State NO_STATE_MAINTAINED, in the order of the command ABNF.
     *
     * @throws IllegalArgumentException for a command the dictionary does not know
     */
    DiameterMessage newRequest(String command, String destinationRealm);

    /**
     * Sends a request and completes with its answer, on a Netty thread (never parks a caller's thread).
     *
     * @param peer      identity of the peer, or null: the request's Destination-Host, else any open peer that
     *                  shares the request's application
     * @param timeoutMs how long to wait for the answer before completing with {@link DiameterException}
     */
    CompletableFuture<DiameterMessage> send(String peer, DiameterMessage request, long timeoutMs);

    /** The default answer time-out in milliseconds (setting {@code request.timeout}). */
    long requestTimeoutMillis();

    /** The peers known now (configured or connected), for the shell and tests. */
    List<DiameterPeerInfo> peers();

    /**
     * Makes {@code handler} the receiver of every valid request of this application; the stack answers 3002
     * DIAMETER_UNABLE_TO_DELIVER while there is none.
     *
     * @return closing it removes the handler (if it is still this one)
     */
    AutoCloseable register(long applicationId, DiameterRequestHandler handler);
}
