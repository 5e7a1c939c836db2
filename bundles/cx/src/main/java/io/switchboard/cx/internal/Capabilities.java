package io.switchboard.cx.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Capability lists (Unsigned32 values of Mandatory-/Optional-Capability) as the store keeps them: "1,2,5". */
public final class Capabilities {

    private Capabilities() {}

    public static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String s : text.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                long v = Long.parseLong(t);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("capability out of range: " + t);
                }
                out.add((int) v);
            }
        }
        return out;
    }

    public static String format(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
