package io.switchboard.callfwd.internal;

import io.switchboard.dfks.FeatureState;
import java.util.List;

/**
 * What the features of one user say about a call, from the four DFKS features as the get route returned them: a
 * forwarding counts only when it is on and has a target.
 *
 * @param dnd       Do-Not-Disturb on
 * @param cfa       Call Forwarding Always target, null when off
 * @param cfb       Call Forwarding Busy target, null when off
 * @param cfna      Call Forwarding No Answer target, null when off
 * @param ringCount rings before CFNA forwards (the user's), null when none given
 */
record UserFeatures(boolean dnd, String cfa, String cfb, String cfna, Integer ringCount) {

    /** A user with nothing on, or no user of DFKS at all. */
    static final UserFeatures NONE = new UserFeatures(false, null, null, null, null);

    static UserFeatures of(List<FeatureState> states) {
        boolean dnd = false;
        String cfa = null;
        String cfb = null;
        String cfna = null;
        Integer rings = null;
        for (FeatureState s : states) {
            if (!s.status()) {
                continue;
            }
            switch (s.feature()) {
                case DoNotDisturb -> dnd = true;
                case CallForwardingAlways -> cfa = s.forwardTo();
                case CallForwardingBusy -> cfb = s.forwardTo();
                case CallForwardingNoAnswer -> {
                    cfna = s.forwardTo();
                    rings = s.ringCount();
                }
            }
        }
        return dnd || cfa != null || cfb != null || cfna != null
                ? new UserFeatures(dnd, cfa, cfb, cfna, cfna == null ? null : rings)
                : NONE;
    }
}
