package io.switchboard.diameter.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** Nodes for tests on loopback, on free ports. */
final class Nodes {

    private Nodes() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static DiameterConfig config(String host, int port, String peers, Map<String, String> more) {
        Map<String, Object> p = new HashMap<>();
        p.put("origin.host", host);
        p.put("origin.realm", "ims.test");
        p.put("port", port);
        p.put("peers", peers);
        p.put("watchdog.interval", "30");
        p.putAll(more);
        return DiameterConfig.from(p, w -> {
            throw new IllegalArgumentException(w);
        });
    }

    static DiameterNode start(DiameterConfig c, HandlerRegistry registry) throws InterruptedException {
        DiameterNode n = new DiameterNode(c, registry);
        n.start();
        return n;
    }
}
