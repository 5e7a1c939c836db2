package io.switchboard.dfks;

/** A get or set that could not be done; {@link #status()} is the SIP/HTTP-style status (400, 403, 404, 500). */
public class DfksException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public DfksException(int status, String message) {
        super(message);
        this.status = status;
    }

    public DfksException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
