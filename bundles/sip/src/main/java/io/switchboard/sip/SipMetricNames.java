package io.switchboard.sip;

import java.util.List;

/**
 * The names of the SIP meters (Micrometer's dotted form: Prometheus shows {@code switchboard.sip.requests.received}
 * as {@code switchboard_sip_requests_received_total}) and the methods that have series of their own; every other
 * method is counted as {@code other}, so a peer cannot add series by inventing methods.
 */
public final class SipMetricNames {

    public static final String REQUESTS_RECEIVED = "switchboard.sip.requests.received";
    public static final String REQUESTS_SENT = "switchboard.sip.requests.sent";
    public static final String RESPONSES_RECEIVED = "switchboard.sip.responses.received";
    public static final String RESPONSES_SENT = "switchboard.sip.responses.sent";
    public static final String RETRANSMISSIONS = "switchboard.sip.retransmissions";
    public static final String PARSE_ERRORS = "switchboard.sip.parse.errors";
    public static final String TRANSACTIONS_ACTIVE = "switchboard.sip.transactions.active";
    public static final String PROXY_BRANCHES = "switchboard.proxy.branches";
    public static final String PROXY_CANCELS = "switchboard.proxy.cancels";

    /** The methods with a series of their own. */
    public static final List<String> METHODS = List.of(
            "INVITE",
            "ACK",
            "BYE",
            "CANCEL",
            "REGISTER",
            "OPTIONS",
            "SUBSCRIBE",
            "NOTIFY",
            "PUBLISH",
            "INFO",
            "PRACK",
            "UPDATE",
            "MESSAGE",
            "REFER");

    /** The label value of anything outside a fixed list. */
    public static final String OTHER = "other";

    private SipMetricNames() {}

    /** The index of {@code method} in {@link #METHODS}, or {@code METHODS.size()} ({@code other}). */
    public static int methodIndex(String method) {
        if (method == null) {
            return METHODS.size();
        }
        int i = METHODS.indexOf(method);
        return i < 0 ? METHODS.size() : i;
    }
}
