package io.switchboard.cx.internal;

import java.util.List;
import java.util.Locale;

/**
 * What the HSS decisions depend on beyond the store, from {@code etc/io.switchboard.cx.cfg} ({@link CxSettings}).
 *
 * @param homeNetworks Visited-Network-Identifier values that are home (no roaming check)
 * @param defaultScscf the Server-Name of a first registration when the pool has no S-CSCF for the user ("" none)
 * @param maxAuthItems the most vectors one MAA carries
 * @param overwriteScscf SAR REGISTRATION from another S-CSCF replaces the one on record instead of 5005
 */
public record HssConfig(List<String> homeNetworks, String defaultScscf, int maxAuthItems, boolean overwriteScscf) {

    public HssConfig {
        homeNetworks = homeNetworks.stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** True when a UAR from {@code visitedNetwork} is not roaming (an empty identifier counts as home). */
    public boolean home(String visitedNetwork) {
        return visitedNetwork == null
                || visitedNetwork.isBlank()
                || homeNetworks.contains(visitedNetwork.trim().toLowerCase(Locale.ROOT));
    }
}
