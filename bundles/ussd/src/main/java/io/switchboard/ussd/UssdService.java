package io.switchboard.ussd;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The USSD gateway (OSGi service of the ussd bundle). */
public interface UssdService {

    /** Live sessions, oldest first. */
    List<UssdSessionInfo> sessions();

    /**
     * Starts a network-initiated session: INVITE to the subscriber (its registered contact, else {@code subscriber}
     * itself when it is a {@code sip:} URI) carrying {@code text} as an UnstructuredSS-Request ({@code notify}
     * false: the UE answers, the answer goes to the menu route) or -Notify ({@code notify} true: shown only).
     *
     * @param menuRoute the route that gets the UE's answers, null for the configured one
     * @return completes with the session once the UE answered the INVITE 2xx, or with a {@link UssdException}
     */
    CompletableFuture<UssdSessionInfo> start(
            String subscriber, String text, boolean notify, String language, String menuRoute);
}
