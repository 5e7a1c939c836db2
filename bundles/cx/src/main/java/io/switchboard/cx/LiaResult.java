package io.switchboard.cx;

/** A LIA: the result and Server-Name or Server-Capabilities (null when absent). */
public record LiaResult(CxResult result, String serverName, ServerCapabilities capabilities) {

    /** An answer with a result only (errors). */
    public static LiaResult of(CxResult result) {
        return new LiaResult(result, null, null);
    }
}
