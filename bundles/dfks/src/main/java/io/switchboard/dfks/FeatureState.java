package io.switchboard.dfks;

/**
 * The state of one feature of one user.
 *
 * @param feature   the feature
 * @param status    on or off
 * @param forwardTo forwarding target (forwardings only), null when none
 * @param ringCount rings before forwarding (CallForwardingNoAnswer only; in rings, as phones send it), null when none
 */
public record FeatureState(Feature feature, boolean status, String forwardTo, Integer ringCount) {

    public static FeatureState off(Feature f) {
        return new FeatureState(f, false, null, null);
    }
}
