package io.switchboard.cx;

/**
 * The HSS's record of one IMPU: its state, the S-CSCF assigned (name and Diameter host), the S-CSCF of a MAR in
 * progress ({@code pendingScscf}), and the IMPI it registered with.
 */
public record Registration(
        String impu, RegistrationState state, String scscf, String scscfHost, String pendingScscf, String impi) {

    /** The record of an IMPU the HSS knows nothing about yet. */
    public static Registration none(String impu) {
        return new Registration(impu, RegistrationState.NOT_REGISTERED, null, null, null, null);
    }
}
