package io.switchboard.esl;

/**
 * The call of an outbound socket hung up (or its socket closed) while a step of its route was waiting, or a step was
 * sent after it. Routes catch it to end quietly: a caller hanging up is not an error of the platform.
 */
public class EslHangupException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslHangupException(String message) {
        super(message, (String) null);
    }
}
