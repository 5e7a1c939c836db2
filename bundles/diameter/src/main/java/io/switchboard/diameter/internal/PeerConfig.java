package io.switchboard.diameter.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One configured peer: its identity (Origin-Host), and the address we connect to when it is given; a peer without
 * one is only accepted when it connects.
 *
 * @param identity Diameter identity, compared without case
 * @param host     host to connect to, or null
 * @param port     port to connect to
 */
record PeerConfig(String identity, String host, int port) {

    /** The form of the {@code peers} setting. */
    static final String LIST = "\\s*([A-Za-z0-9.-]+(=[A-Za-z0-9.:\\[\\]-]+:[0-9]+)?\\s*(,\\s*|$))*";

    boolean connects() {
        return host != null;
    }

    /** Parses {@code id1, id2=host:port}. */
    static List<PeerConfig> parse(String csv) {
        List<PeerConfig> out = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq < 0) {
                out.add(new PeerConfig(s, null, 0));
            } else {
                String address = s.substring(eq + 1);
                int colon = address.lastIndexOf(':');
                String host = address.substring(0, colon).replace("[", "").replace("]", "");
                out.add(new PeerConfig(s.substring(0, eq), host, Integer.parseInt(address.substring(colon + 1))));
            }
        }
        return out;
    }
}
