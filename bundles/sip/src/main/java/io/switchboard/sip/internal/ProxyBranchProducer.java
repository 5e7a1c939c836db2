package io.switchboard.sip.internal;

import io.switchboard.sip.SipBranchResult;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.SipRelayHandle;
import io.switchboard.sip.SipServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code proxy:branch[?release=true&cancelOthers=false]}: adds the targets of header {@code SipTargets} as branches of
 * a running INVITE relay ({@link SipRelayHandle#addBranch}): the relay of Call-ID {@code SipProxyCallId}, else the
 * relay of the exchange's own INVITE. Headers {@code SipProxyHeader.<Name>} are put on the new branches (a pickup's
 * {@code Call-Info: ...;answer-after=0}). With {@code release} the relay's holds end once a branch is added (the
 * device that was waited for is here); with {@code cancelOthers} the branches ringing before are CANCELled in the
 * same step. Sets {@code SipProxyBranchResult}. Never waits: the route goes on at once, the relay's own route gets
 * the outcome.
 */
final class ProxyBranchProducer extends DefaultProducer {

    private final ProxyEndpoint endpoint;

    ProxyBranchProducer(ProxyEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        ProxyConfiguration options = endpoint.getConfiguration();
        RunningRelays relays = endpoint.getComponent().relays();
        String callId = m.getHeader(SipProxyHeaders.CALL_ID, String.class);
        SipRelayHandle relay = callId != null
                ? relays.byCallId(callId)
                : exchange.getProperty(SipHeaders.SERVER_EXCHANGE) instanceof SipServerExchange own
                        ? relays.of(own)
                        : null;
        List<String> targets = ProxyInput.targets(m);
        SipBranchResult result = relay == null ? SipBranchResult.NOT_FOUND : SipBranchResult.BAD_TARGET;
        if (relay != null) {
            Map<String, List<String>> headers = headers(ProxyInput.edits(m));
            SipBranchResult first = null;
            for (String target : targets) {
                SipBranchResult r = relay.addBranch(target, headers, options.isCancelOthers());
                first = first == null ? r : first;
                if (r == SipBranchResult.ADDED) {
                    result = r;
                }
            }
            if (result != SipBranchResult.ADDED && first != null) {
                result = first;
            }
            if (result == SipBranchResult.ADDED && options.isRelease()) {
                relay.releaseHolds();
            }
        }
        m.setHeader(SipProxyHeaders.BRANCH_RESULT, result.name());
    }

    /** The {@code SipProxyHeader.<Name>} values of the route, one String per header. */
    private static Map<String, List<String>> headers(ProxyEdits edits) {
        if (edits.put().isEmpty()) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        edits.put().forEach((name, value) -> out.put(name, ProxyInput.list(value)));
        return out;
    }
}
