package io.switchboard.cx;

import java.util.List;

/**
 * An S-CSCF of the pool: its SIP URI (the Server-Name), its Diameter Origin-Host (Destination-Host of RTR/PPR; may
 * be null), the capabilities it has, and a priority (lower first).
 */
public record Scscf(String name, String diameterHost, List<Integer> capabilities, int priority) {

    public Scscf {
        capabilities = List.copyOf(capabilities);
    }
}
