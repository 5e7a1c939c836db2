package io.switchboard.cx;

import java.util.List;

/**
 * An RTR (command 304) the HSS sends: to {@code destinationHost} (the S-CSCF's Diameter host on record, or null
 * when only its SIP name is known: then the adapter routes by realm), about {@code impi} and its {@code impus},
 * with Deregistration-Reason {Reason-Code, Reason-Info}. Reason codes: 0 PERMANENT_TERMINATION, 1
 * NEW_SERVER_ASSIGNED, 2 SERVER_CHANGE, 3 REMOVE_S-CSCF.
 */
public record RegistrationTermination(
        String destinationHost, String serverName, String impi, List<String> impus, int reasonCode, String reasonInfo) {

    public RegistrationTermination {
        impus = List.copyOf(impus);
        if (reasonCode < 0 || reasonCode > 3) {
            throw new IllegalArgumentException("Reason-Code is 0..3, got " + reasonCode);
        }
    }
}
