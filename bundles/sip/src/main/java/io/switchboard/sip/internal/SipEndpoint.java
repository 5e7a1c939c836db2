package io.switchboard.sip.internal;

import io.switchboard.sip.SipHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code sip:[transport://]host[:port][?options]} — a SIP connector address (consumer: requests or
 * responses arriving there; producer: requests sent from there), or {@code sip:reply} — a producer
 * that answers the current consumer exchange's request, or {@code sip:drop} — one that never answers it.
 */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "sip",
        title = "SIP (Switchboard, JAIN-SIP RI)",
        syntax = "sip:host:port",
        category = {Category.NETWORKING},
        headersClass = SipHeaders.class)
public class SipEndpoint extends DefaultEndpoint {

    static final String REPLY = "reply";
    static final String DROP = "drop";

    @UriPath(
            defaultValue = "0.0.0.0",
            description = "Listen address, or 'reply' (the reply producer) or 'drop' (no answer at all)")
    private String host = "0.0.0.0";

    @UriPath(defaultValue = "5060", description = "Listen port (all transports)")
    private int port = 5060;

    @UriParam(defaultValue = "udp,tcp", description = "Transports to listen on: udp, tcp or both")
    private String transports = "udp,tcp";

    @UriParam(
            description = "Host put in Via, Record-Route and Contact of what this connector sends; default the "
                    + "listen host, or when listening on the wildcard address the address of the interface "
                    + "towards each peer")
    private String advertisedHost;

    @UriParam(
            defaultValue = "0",
            description = "JAIN-SIP THREAD_POOL_SIZE (listener threads); 0: one per processor, "
                    + "since every thread sends through the one socket and more threads than cores only queue "
                    + "on its lock")
    private int threadPoolSize;

    @UriParam(defaultValue = "8388608", description = "UDP socket receive and send buffer size in bytes")
    private int udpBufferSize = 8 * 1024 * 1024;

    @UriParam(
            defaultValue = "OPTIONS",
            description = "Methods whose requests over UDP outside a dialog are answered without a server transaction "
                    + "(RFC 3261 8.2.7, a stateless UAS, as Kamailio's sl_send_reply): nothing is kept for waitTimer, "
                    + "and a retransmission runs the route again. Comma-separated; empty: every request gets "
                    + "a transaction. INVITE, ACK and CANCEL are refused")
    private String stateless = "OPTIONS";

    @UriParam(
            defaultValue = "5000",
            description = "Milliseconds a non-INVITE server transaction stays after its final response over UDP to "
                    + "absorb retransmissions of its request (Timer J; RFC 3261 sets 64*T1 = 32 s, Kamailio's tm "
                    + "wt_timer 5 s). A retransmission after it is a new request for the route. 1 to 32000")
    private int waitTimer = ConnectorConfig.DEFAULT_WAIT_TIMER;

    @UriParam(label = "consumer", defaultValue = "500", description = "Status sent when a route ends without answering")
    private int defaultStatus = 500;

    @UriParam(
            label = "consumer",
            defaultValue = "requests",
            enums = "requests,responses",
            description =
                    "What the consumer receives: incoming requests, or every response to requests this connector sent")
    private String consume = "requests";

    @UriParam(
            label = "producer",
            defaultValue = "32000",
            description = "Milliseconds to wait for the final response before completing with 408")
    private long timeout = 32000;

    @UriParam(label = "producer", description = "Request method (else header SipMethod)")
    private String method;

    @UriParam(label = "producer", description = "Request-URI (else header SipRequestUri)")
    private String requestUri;

    @UriParam(
            label = "producer",
            description = "From (else header SipFromUri; default sip:switchboard@advertisedHost); a tag is added when "
                    + "missing")
    private String from;

    @UriParam(label = "producer", description = "To (else header SipToUri; default the Request-URI)")
    private String to;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "Send within the dialog in header SipDialog when there is one")
    private boolean inDialog = true;

    @UriParam(label = "producer", description = "sip:reply only: status code (else header SipStatus)")
    private Integer code;

    @UriParam(label = "producer", description = "sip:reply only: reason phrase (else header SipReason)")
    private String reason;

    private boolean reply;
    private boolean drop;

    public SipEndpoint(String uri, SipComponent component) {
        super(uri, component);
    }

    @Override
    public SipComponent getComponent() {
        return (SipComponent) super.getComponent();
    }

    /** Reads {@code [//][udp://|tcp://]host[:port]}, {@code [v6addr]:port} or {@code reply}. */
    void parseAddress(String remaining) {
        String rest = remaining == null ? "" : remaining.trim();
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        if (REPLY.equals(rest) || DROP.equals(rest)) {
            reply = true; // no connector, a producer only, on the consumer's exchange
            drop = DROP.equals(rest);
            host = rest;
            return;
        }
        int scheme = rest.indexOf("://");
        if (scheme > 0) {
            transports = rest.substring(0, scheme).toLowerCase(Locale.ROOT);
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        if (rest.isEmpty()) {
            return;
        }
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Bad IPv6 address in sip endpoint: " + remaining);
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1) {
                if (rest.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("Bad sip endpoint address: " + remaining);
                }
                portText = rest.substring(close + 2);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && rest.indexOf(':') == colon) {
                host = rest.substring(0, colon);
                portText = rest.substring(colon + 1);
            } else if (colon >= 0) {
                host = rest; // bare IPv6 address
            } else {
                host = rest;
            }
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad port in sip endpoint: " + remaining);
            }
        }
    }

    boolean isReply() {
        return reply;
    }

    /** Connector settings from the options, validated. */
    ConnectorConfig connectorConfig() {
        if (reply) {
            throw new IllegalStateException("sip:reply has no connector");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Bad SIP port " + port);
        }
        List<String> list = new ArrayList<>();
        for (String t : transports.split(",")) {
            String tr = t.trim().toLowerCase(Locale.ROOT);
            if (tr.isEmpty()) {
                continue;
            }
            if (!tr.equals("udp") && !tr.equals("tcp")) {
                throw new IllegalArgumentException("Unsupported SIP transport '" + tr + "' (udp, tcp)");
            }
            if (!list.contains(tr)) {
                list.add(tr);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("No SIP transport given");
        }
        if (threadPoolSize < 0) {
            throw new IllegalArgumentException("threadPoolSize must be 0 (one per processor) or more");
        }
        int threads = threadPoolSize > 0 ? threadPoolSize : Runtime.getRuntime().availableProcessors();
        if (udpBufferSize < 1024) {
            throw new IllegalArgumentException("udpBufferSize must be at least 1024");
        }
        String advertised = advertisedHost == null ? "" : advertisedHost.trim();
        if (advertised.isEmpty() && !ConnectorConfig.isWildcard(host)) {
            advertised = host;
        }
        return new ConnectorConfig(host, port, list, advertised, threads, udpBufferSize, statelessMethods(), waitTimer);
    }

    private Set<String> statelessMethods() {
        Set<String> methods = new TreeSet<>();
        for (String m : (stateless == null ? "" : stateless).split(",")) {
            String method = m.trim().toUpperCase(Locale.ROOT);
            if (method.isEmpty()) {
                continue;
            }
            if (method.equals("INVITE") || method.equals("ACK") || method.equals("CANCEL")) {
                throw new IllegalArgumentException("stateless cannot include " + method
                        + ": an INVITE needs its transaction for CANCEL and the 2xx/ACK exchange");
            }
            methods.add(method);
        }
        return methods;
    }

    boolean consumesResponses() {
        if ("responses".equalsIgnoreCase(consume)) {
            return true;
        }
        if ("requests".equalsIgnoreCase(consume)) {
            return false;
        }
        throw new IllegalArgumentException("consume must be 'requests' or 'responses', not '" + consume + "'");
    }

    @Override
    public Producer createProducer() {
        if (drop) {
            return new SipDropProducer(this);
        }
        return reply ? new SipReplyProducer(this) : new SipProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (reply) {
            throw new IllegalArgumentException("sip:" + host + " is a producer only");
        }
        if (defaultStatus < 200 || defaultStatus > 699) {
            throw new IllegalArgumentException("defaultStatus must be a final status (200..699)");
        }
        consumesResponses();
        SipConsumer consumer = new SipConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    // ------------------------------------------------------------------ options

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getTransports() {
        return transports;
    }

    public void setTransports(String transports) {
        this.transports = transports;
    }

    public String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }

    public int getThreadPoolSize() {
        return threadPoolSize;
    }

    public void setThreadPoolSize(int threadPoolSize) {
        this.threadPoolSize = threadPoolSize;
    }

    public String getStateless() {
        return stateless;
    }

    public void setStateless(String stateless) {
        this.stateless = stateless;
    }

    public int getWaitTimer() {
        return waitTimer;
    }

    public void setWaitTimer(int waitTimer) {
        this.waitTimer = waitTimer;
    }

    public int getUdpBufferSize() {
        return udpBufferSize;
    }

    public void setUdpBufferSize(int udpBufferSize) {
        this.udpBufferSize = udpBufferSize;
    }

    public int getDefaultStatus() {
        return defaultStatus;
    }

    public void setDefaultStatus(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    public String getConsume() {
        return consume;
    }

    public void setConsume(String consume) {
        this.consume = consume;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getRequestUri() {
        return requestUri;
    }

    public void setRequestUri(String requestUri) {
        this.requestUri = requestUri;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public boolean isInDialog() {
        return inDialog;
    }

    public void setInDialog(boolean inDialog) {
        this.inDialog = inDialog;
    }

    public Integer getCode() {
        return code;
    }

    public void setCode(Integer code) {
        this.code = code;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
