package io.switchboard.cx.internal.diameter;

/** The Cx requests the HSS answers, with their command codes (TS 29.229 §6.1); the path of {@code cx:<name>}. */
public enum CxOperation {
    UAR(300),
    SAR(301),
    LIR(302),
    MAR(303);

    private final int commandCode;

    CxOperation(int commandCode) {
        this.commandCode = commandCode;
    }

    public int commandCode() {
        return commandCode;
    }
}
