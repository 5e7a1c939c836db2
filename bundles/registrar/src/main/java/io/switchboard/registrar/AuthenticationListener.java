package io.switchboard.registrar;

/**
 * Whiteboard service: told of every digest authentication the registrar refuses ({@code registrar:save} and
 * {@code registrar:authenticate}, so also every SUBSCRIBE the subscription layer authenticates): wrong credentials,
 * an unknown user, credentials of another user, malformed credentials. A challenge (401/407, stale nonce) is not a
 * failure. bundles/pike counts these per source address and per user and bans the source past a threshold; the
 * registrar knows nothing of bans. Called in the SIP thread of the refused request: return quickly.
 */
public interface AuthenticationListener {

    /**
     * @param sourceAddress the address the request came from ({@code SipSourceAddress})
     * @param user          {@code user@domain} the request claimed (To of a REGISTER, From otherwise)
     * @param status        the answer the request gets (400 or 403)
     */
    void authenticationFailed(String sourceAddress, String user, int status);
}
