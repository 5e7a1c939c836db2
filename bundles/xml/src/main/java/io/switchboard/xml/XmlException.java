package io.switchboard.xml;

/** Input that is not well-formed or not valid; the message is a one-line reason fit for a protocol error. */
public class XmlException extends Exception {

    private static final long serialVersionUID = 1L;

    public XmlException(String reason) {
        super(reason);
    }

    public XmlException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
