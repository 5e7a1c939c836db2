package io.switchboard.dfks;

import java.util.List;

/**
 * Reads and sets features through the integrator routes ({@code direct:dfks-get}, {@code direct:dfks-set}),
 * the same path a phone's Set request takes. Used by the shell commands and the REST API.
 */
public interface DfksService {

    /** The assigned features of the user, in the order DND, CFA, CFB, CFNA. 404 for an unknown user. */
    List<FeatureState> get(String user, String domain) throws DfksException;

    /**
     * Sets one feature (values not given, null, keep their current value) through the set route, then
     * NOTIFYs every as-feature-event subscription of the user with the resulting state.
     *
     * @param source {@code shell}, {@code rest}, {@code api} (header {@code DfksSource})
     * @param param  free text for the route (header {@code DfksParam}), may be null
     * @return the resulting state (what the set route left in the headers)
     */
    FeatureState set(
            String user,
            String domain,
            Feature feature,
            boolean status,
            String forwardTo,
            Integer ringCount,
            String source,
            String param)
            throws DfksException;

    /** Number of active as-feature-event subscriptions of the user. */
    int subscriptions(String user, String domain);
}
