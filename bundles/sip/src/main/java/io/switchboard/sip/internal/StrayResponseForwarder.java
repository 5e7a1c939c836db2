package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connector does with a response that matches no client transaction and whose top Via is ours with
 * another Via below: a response to a request the proxy relayed, arriving after the client transaction ended.
 * That is a 2xx retransmitted by the UAS (the INVITE client transaction ends with the first 2xx), which goes
 * upstream statelessly (RFC 3261 16.7 step 5: every 2xx is forwarded, the proxy does not ACK it); anything else
 * is dropped. It is the connector's, not the proxy's, because only the transport layer sees responses without a
 * transaction, and deciding needs nothing but our own Via: the transport does not depend on the proxy.
 */
final class StrayResponseForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(StrayResponseForwarder.class);

    /** Sends a response outside any transaction. */
    interface Sender {
        void send(SIPResponse response) throws SipException;
    }

    private final ConnectorConfig config;
    private final Sender sender;

    StrayResponseForwarder(ConnectorConfig config, Sender sender) {
        this.config = config;
        this.sender = sender;
    }

    /**
     * Forwards {@code response} (without a client transaction) upstream when it is a stray relayed 2xx.
     *
     * @return true when it was a relayed response (forwarded or dropped), false when it is not ours to forward
     */
    boolean forward(SIPResponse response) {
        if (response.getViaHeaders() == null || response.getViaHeaders().size() < 2) {
            return false;
        }
        Via top = response.getTopmostVia();
        int port = top.getPort() <= 0 ? 5060 : top.getPort();
        if (!config.isOurHost(top.getHost()) || port != config.port()) {
            return false;
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            try {
                sender.send(upstream(response));
            } catch (Exception e) {
                LOG.debug("Could not forward stray 2xx", e);
            }
        }
        return true;
    }

    /** A response from downstream as it goes upstream: a copy with our (top) Via removed. */
    static SIPResponse upstream(SIPResponse response) {
        SIPResponse up = (SIPResponse) response.clone();
        up.removeFirst(ViaHeader.NAME);
        return up;
    }
}
