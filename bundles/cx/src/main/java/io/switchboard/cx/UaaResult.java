package io.switchboard.cx;

/** A UAA: the result and, for a success, Server-Name or Server-Capabilities (null when absent). */
public record UaaResult(CxResult result, String serverName, ServerCapabilities capabilities) {

    /** An answer with a result only (errors). */
    public static UaaResult of(CxResult result) {
        return new UaaResult(result, null, null);
    }
}
