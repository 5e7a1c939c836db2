package io.switchboard.sca;

/**
 * A refused SCA operation, with the HTTP status that says why (400 bad input, 404 idle already, 409 no free or no
 * usable appearance); REST answers with it as is, the shell prints it.
 */
public class ScaException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ScaException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
