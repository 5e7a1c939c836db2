package io.switchboard.cx;

/** A store write that breaks the model (an unknown profile or identity, a profile still in use); no state changed. */
public class ImsStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImsStoreException(String message) {
        super(message);
    }

    public ImsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
