package io.switchboard.cx;

/**
 * What became of one request the HSS sent (RTR or PPR): to which S-CSCF, about which IMPI, and either the answer's
 * result or, when no answer came (no open peer, a time-out, a lost connection), {@code error} and a null result.
 */
public record CxDelivery(String command, String destinationHost, String impi, CxResult result, String error) {

    /** True when the S-CSCF answered 2001 (RTA: the user is de-registered; PPA: it took the profile). */
    public boolean delivered() {
        return result != null && result.success();
    }

    @Override
    public String toString() {
        return command + " to " + destinationHost + " for " + impi + ": " + (result != null ? result : error);
    }
}
