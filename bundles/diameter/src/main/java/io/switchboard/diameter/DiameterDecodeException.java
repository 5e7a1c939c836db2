package io.switchboard.diameter;

import java.util.Optional;

/**
 * A message or AVP that cannot be read. {@link #resultCode()} is what the base protocol answers (5014
 * DIAMETER_INVALID_AVP_LENGTH, 5004 ...), {@link #failedAvp()} the AVP to put in Failed-AVP. When the framing itself
 * is lost (bad version, a length that is not a multiple of 4) there is nothing to answer and the connection closes.
 */
public class DiameterDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long resultCode;
    private final transient Avp failedAvp;

    public DiameterDecodeException(long resultCode, Avp failedAvp, String message) {
        super(message);
        this.resultCode = resultCode;
        this.failedAvp = failedAvp;
    }

    static DiameterDecodeException badAvpLength(Avp header) {
        return new DiameterDecodeException(
                DiameterResultCodes.INVALID_AVP_LENGTH, header, "AVP " + header.code() + ": length out of bounds");
    }

    public long resultCode() {
        return resultCode;
    }

    public Optional<Avp> failedAvp() {
        return Optional.ofNullable(failedAvp);
    }
}
