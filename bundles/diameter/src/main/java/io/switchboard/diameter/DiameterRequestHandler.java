package io.switchboard.diameter;

import java.util.concurrent.CompletionStage;

/**
 * Receives the valid requests of one application (after the base protocol's checks) and completes with the
 * answer. The stack fills what the handler leaves out: Origin-Host, Origin-Realm, identifiers, and 5012
 * DIAMETER_UNABLE_TO_COMPLY when the stage fails.
 */
@FunctionalInterface
public interface DiameterRequestHandler {

    /**
     * @param peer    the Origin-Host of the peer connection the request came over
     * @param request the request (do not keep it beyond the answer)
     */
    CompletionStage<DiameterMessage> handle(String peer, DiameterMessage request);
}
