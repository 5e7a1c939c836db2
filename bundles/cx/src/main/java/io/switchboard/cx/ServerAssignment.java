package io.switchboard.cx;

import java.util.List;

/**
 * A SAR (command 301): User-Name (may be null for {@link ServerAssignmentType#UNREGISTERED_USER}), the
 * Public-Identity AVPs, Server-Name, Server-Assignment-Type as its AVP value (an unknown value is answered 5004),
 * User-Data-Already-Available, and the request's Origin-Host (kept as the Destination-Host of a later RTR or PPR).
 */
public record ServerAssignment(
        String impi,
        List<String> impus,
        String serverName,
        int assignmentType,
        boolean userDataAlreadyAvailable,
        String originHost) {

    public ServerAssignment {
        impus = List.copyOf(impus);
    }
}
