package io.switchboard.ussd;

/** A network-initiated USSD request that could not be started; {@link #status()} is the HTTP status that says why. */
public class UssdException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public UssdException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400 bad input, 404 unknown or unregistered subscriber, 502 the UE refused, 503 USSD not ready, 504 no answer. */
    public int status() {
        return status;
    }
}
