package io.switchboard.http;

/**
 * Thrown by a REST route to answer with a JSON error {@code {"error": message, "status": status}}; the http
 * bundle turns it into that response (any other exception is a 500, bad JSON in a request body a 400).
 */
public class RestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RestException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }
}
