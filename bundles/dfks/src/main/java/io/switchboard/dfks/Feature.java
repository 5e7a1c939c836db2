package io.switchboard.dfks;

import java.util.Locale;

/** The four DFKS features, named as OpenSIPS presence_dfks names them (the value of header {@code DfksFeature}). */
public enum Feature {
    DoNotDisturb("dnd"),
    CallForwardingAlways("cfa"),
    CallForwardingBusy("cfb"),
    CallForwardingNoAnswer("cfna");

    private final String shortName;

    Feature(String shortName) {
        this.shortName = shortName;
    }

    /** {@code dnd}, {@code cfa}, {@code cfb}, {@code cfna}. */
    public String shortName() {
        return shortName;
    }

    /** True for the three forwardings. */
    public boolean isForwarding() {
        return this != DoNotDisturb;
    }

    /** By name ({@code CallForwardingAlways}) or short name ({@code cfa}), case-insensitive. */
    public static Feature parse(String s) {
        if (s != null) {
            for (Feature f : values()) {
                if (f.name().equalsIgnoreCase(s.trim())
                        || f.shortName.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("Unknown feature '" + s + "': use DoNotDisturb, CallForwardingAlways, "
                + "CallForwardingBusy or CallForwardingNoAnswer (or dnd, cfa, cfb, cfna)");
    }
}
