package io.switchboard.pickup;

/** A pickup group change refused or failed, with the HTTP status the REST API answers (400, 503). */
public class PickupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public PickupException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
