package io.switchboard.diameter;

/**
 * A request that got no answer: no open peer, the connection was lost before the answer (failover), or the
 * answer did not come in time. An answer with an error Result-Code is no exception: it is the answer.
 */
public class DiameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiameterException(String message) {
        super(message);
    }
}
