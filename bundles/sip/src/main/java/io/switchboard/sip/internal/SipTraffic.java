package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipMetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP messages of one connector by direction, transport, method and status class, for Prometheus. Counting
 * takes no lock: a message costs a volatile read, an array slot and the counter's own (lock-free) increment;
 * a slot's counter is made once, on its first message, so only series that saw traffic are exposed. Label
 * values come from fixed lists (the methods of {@link SipMetricNames#METHODS}, else {@code other}), never from
 * the message's text.
 */
final class SipTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(SipTraffic.class);

    /** Set by the metrics binding; read once per message. */
    static volatile MeterSink sink = MeterSink.NONE;

    static final int REQUEST_IN = 0;
    static final int REQUEST_OUT = 1;
    static final int RESPONSE_IN = 2;
    static final int RESPONSE_OUT = 3;
    static final int RETRANSMISSION_IN = 4;
    static final int RETRANSMISSION_OUT = 5;
    private static final int KINDS = 6;
    private static final String[] TRANSPORTS = {"udp", "tcp", "tls", "other"};
    private static final int METHODS = SipMetricNames.METHODS.size() + 1;
    private static final int CLASSES = 7; // 1xx..6xx, other
    private static final int PARSE_ERRORS = KINDS * TRANSPORTS.length * METHODS * CLASSES;
    private static final int BRANCHES = PARSE_ERRORS + TRANSPORTS.length;
    private static final int CANCELS = BRANCHES + 1;

    private final String listener;
    private final IntSupplier serverTransactions;
    private final IntSupplier clientTransactions;
    private volatile Cells cells = new Cells(MeterSink.NONE);

    /** The counters of one sink, and the gauges registered with it. */
    private static final class Cells {
        final MeterSink sink;
        final AtomicReferenceArray<Runnable> slots = new AtomicReferenceArray<>(CANCELS + 1);
        final List<AutoCloseable> gauges = new ArrayList<>(2);

        Cells(MeterSink sink) {
            this.sink = sink;
        }
    }

    SipTraffic(String listener, IntSupplier serverTransactions, IntSupplier clientTransactions) {
        this.listener = listener;
        this.serverTransactions = serverTransactions;
        this.clientTransactions = clientTransactions;
    }

    /** A message read from the network ({@code retransmission}: a request its server transaction had seen). */
    void received(SIPMessage message, String transport, boolean retransmission) {
        count(message, transport, REQUEST_IN, RESPONSE_IN);
        if (retransmission) {
            count(RETRANSMISSION_IN, transport(transport), method(message), 0);
        }
    }

    /** A message we sent (requests and responses we send or relay; the stack's own retransmissions are not seen). */
    void sent(SIPMessage message) {
        count(message, transportOf(message), REQUEST_OUT, RESPONSE_OUT);
    }

    /** A 2xx to an INVITE we send again because its ACK has not come (RFC 3261 13.3.1.4). */
    void retransmitted(SIPMessage message) {
        sent(message);
        count(RETRANSMISSION_OUT, transport(transportOf(message)), method(message), 0);
    }

    /** A message that did not parse or lacked a mandatory header. */
    void parseError(String transport) {
        slot(PARSE_ERRORS + transport(transport)).run();
    }

    /** A branch the proxy created (one per target of a relayed request, a bad target's included). */
    void branch() {
        slot(BRANCHES).run();
    }

    /** A CANCEL the proxy sent to one of its branches (the caller cancelled, or another branch answered). */
    void cancelSent() {
        slot(CANCELS).run();
    }

    /** Our 400 to a message that did not parse (its method unknown: counted as {@code other}). */
    void rejectedUnparsable(String transport) {
        count(RESPONSE_OUT, transport(transport), METHODS - 1, 3);
    }

    /** Removes the gauges (the connector stopped); the counters stay, so a restart continues them. */
    void close() {
        Cells c = cells;
        closeGauges(c);
    }

    private void count(SIPMessage message, String transport, int requestKind, int responseKind) {
        int t = transport(transport);
        if (message instanceof SIPResponse response) {
            count(responseKind, t, method(message), statusClass(response.getStatusCode()));
        } else {
            count(requestKind, t, method(message), 0);
        }
    }

    private void count(int kind, int transport, int method, int statusClass) {
        slot(((kind * TRANSPORTS.length + transport) * METHODS + method) * CLASSES + statusClass)
                .run();
    }

    private Runnable slot(int index) {
        Cells c = cells;
        MeterSink s = sink;
        if (c.sink != s) {
            c = rebind(s);
        }
        Runnable counter = c.slots.get(index);
        if (counter == null) {
            counter = create(c.sink, index);
            c.slots.compareAndSet(index, null, counter);
        }
        return counter;
    }

    private synchronized Cells rebind(MeterSink s) {
        Cells c = cells;
        if (c.sink == s) {
            return c;
        }
        closeGauges(c);
        Cells fresh = new Cells(s);
        fresh.gauges.add(s.gauge(
                SipMetricNames.TRANSACTIONS_ACTIVE,
                "SIP transactions the stack holds",
                serverTransactions::getAsInt,
                "listener",
                listener,
                "side",
                "server"));
        fresh.gauges.add(s.gauge(
                SipMetricNames.TRANSACTIONS_ACTIVE,
                "SIP transactions the stack holds",
                clientTransactions::getAsInt,
                "listener",
                listener,
                "side",
                "client"));
        cells = fresh;
        return fresh;
    }

    private static void closeGauges(Cells c) {
        for (AutoCloseable g : c.gauges) {
            try {
                g.close();
            } catch (Exception e) {
                LOG.debug("Could not remove a SIP gauge", e);
            }
        }
        c.gauges.clear();
    }

    private Runnable create(MeterSink s, int index) {
        if (index == BRANCHES) {
            return s.counter(
                    SipMetricNames.PROXY_BRANCHES,
                    "Branches the proxy created: one per target of a relayed request",
                    "listener",
                    listener);
        }
        if (index == CANCELS) {
            return s.counter(
                    SipMetricNames.PROXY_CANCELS,
                    "CANCELs the proxy sent to its pending branches (caller cancelled, or another branch answered)",
                    "listener",
                    listener);
        }
        if (index >= PARSE_ERRORS) {
            return s.counter(
                    SipMetricNames.PARSE_ERRORS,
                    "SIP messages that did not parse or lacked a mandatory header",
                    "listener",
                    listener,
                    "transport",
                    TRANSPORTS[index - PARSE_ERRORS]);
        }
        int statusClass = index % CLASSES;
        int rest = index / CLASSES;
        String method = methodName(rest % METHODS);
        rest /= METHODS;
        String transport = TRANSPORTS[rest % TRANSPORTS.length];
        int kind = rest / TRANSPORTS.length;
        return switch (kind) {
            case REQUEST_IN ->
                s.counter(
                        SipMetricNames.REQUESTS_RECEIVED,
                        "SIP requests read from the network",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method);
            case REQUEST_OUT ->
                s.counter(
                        SipMetricNames.REQUESTS_SENT,
                        "SIP requests sent or relayed",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method);
            case RESPONSE_IN ->
                s.counter(
                        SipMetricNames.RESPONSES_RECEIVED,
                        "SIP responses read from the network",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method,
                        "status_class",
                        className(statusClass));
            case RESPONSE_OUT ->
                s.counter(
                        SipMetricNames.RESPONSES_SENT,
                        "SIP responses sent or relayed",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method,
                        "status_class",
                        className(statusClass));
            case RETRANSMISSION_IN ->
                s.counter(
                        SipMetricNames.RETRANSMISSIONS,
                        "SIP retransmissions: requests received again, 2xx sent again",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method,
                        "direction",
                        "received");
            default ->
                s.counter(
                        SipMetricNames.RETRANSMISSIONS,
                        "SIP retransmissions: requests received again, 2xx sent again",
                        "listener",
                        listener,
                        "transport",
                        transport,
                        "method",
                        method,
                        "direction",
                        "sent");
        };
    }

    private static int method(SIPMessage message) {
        String m;
        if (message instanceof SIPRequest request) {
            m = request.getMethod();
        } else {
            m = message.getCSeq() == null ? null : message.getCSeq().getMethod();
        }
        return SipMetricNames.methodIndex(m);
    }

    private static String methodName(int index) {
        return index < SipMetricNames.METHODS.size() ? SipMetricNames.METHODS.get(index) : SipMetricNames.OTHER;
    }

    private static int statusClass(int status) {
        return status >= 100 && status <= 699 ? status / 100 - 1 : 6;
    }

    private static String className(int statusClass) {
        return statusClass < 6 ? (statusClass + 1) + "xx" : SipMetricNames.OTHER;
    }

    private static int transport(String transport) {
        if (transport == null) {
            return 3;
        }
        return switch (transport.toLowerCase(Locale.ROOT)) {
            case "udp" -> 0;
            case "tcp" -> 1;
            case "tls" -> 2;
            default -> 3;
        };
    }

    private static String transportOf(SIPMessage message) {
        return message.getTopmostVia() == null ? null : message.getTopmostVia().getTransport();
    }
}
