package io.switchboard.dialplan;

/** A dial plan operation refused (400: a bad rule, 404: no such rule) or failed (503: no database). */
public class DialplanException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public DialplanException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status that says it (400, 404, 503). */
    public int status() {
        return status;
    }
}
