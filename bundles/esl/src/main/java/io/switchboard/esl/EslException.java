package io.switchboard.esl;

/**
 * A command FreeSWITCH refused or could not run: its message carries FreeSWITCH's own text ({@code -ERR invalid
 * session id [...]}, {@code -ERR NO_ANSWER}), prefixed by the server it came from, so a route's error handler or a
 * REST client sees why without reading logs. Also thrown when the server cannot be reached or the socket is lost
 * before the answer.
 */
public class EslException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reply;

    public EslException(String message, String reply) {
        super(message);
        this.reply = reply;
    }

    public EslException(String message, Throwable cause) {
        super(message, cause);
        this.reply = null;
    }

    /** FreeSWITCH's reply text ({@code -ERR ...}); null when the failure was not an answer of FreeSWITCH. */
    public String reply() {
        return reply;
    }
}
