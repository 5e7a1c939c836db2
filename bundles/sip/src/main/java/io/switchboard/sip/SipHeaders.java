package io.switchboard.sip;

import org.apache.camel.spi.Metadata;

/**
 * Names of the Camel message headers and exchange properties used by the {@code sip} component, each documented by
 * its {@link Metadata} as Camel's own components do ({@code headersClass} of the {@code sip} endpoint).
 * <p>
 * Headers describing a SIP message ({@link #METHOD} .. {@link #MESSAGE}) are set by the consumer
 * on every incoming request (and, with {@code consume=responses}, on every incoming response) and
 * by the producer when the final response arrives. The answering headers ({@link #STATUS},
 * {@link #REASON}, {@link #HEADER_PREFIX}, {@link #REPLY_CONTENT_TYPE}) are read by the consumer
 * when the route ends and by {@code sip:reply}; {@link SipAnswers} sets them.
 */
public final class SipHeaders {

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Request method (for a response: the CSeq method).")
    public static final String METHOD = "SipMethod";

    @Metadata(label = "consumer,producer", javaType = "String", description = "Request-URI.")
    public static final String REQUEST_URI = "SipRequestUri";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "URI of the From header (no display name, no parameters).")
    public static final String FROM_URI = "SipFromUri";

    @Metadata(label = "consumer,producer", javaType = "String", description = "From tag, absent when there is none.")
    public static final String FROM_TAG = "SipFromTag";

    @Metadata(label = "consumer,producer", javaType = "String", description = "URI of the To header.")
    public static final String TO_URI = "SipToUri";

    @Metadata(label = "consumer,producer", javaType = "String", description = "To tag, absent when there is none.")
    public static final String TO_TAG = "SipToTag";

    @Metadata(label = "consumer,producer", javaType = "String", description = "Call-ID.")
    public static final String CALL_ID = "SipCallId";

    @Metadata(label = "consumer,producer", javaType = "Long", description = "CSeq number.")
    public static final String CSEQ = "SipCSeq";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Event package of the Event header (without parameters); absent without Event.")
    public static final String EVENT = "SipEvent";

    @Metadata(
            label = "consumer,producer",
            javaType = "Integer",
            description = "Value of the Expires header; absent without Expires.")
    public static final String EXPIRES = "SipExpires";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "URI of the first Contact header; absent without Contact.")
    public static final String CONTACT = "SipContact";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Content-Type of the message body; absent without a body.")
    public static final String CONTENT_TYPE = "SipContentType";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description =
                    "Value of the User-Agent header (first one); absent without one. A plain header so that a route"
                            + " can test it cheaply for every request (the scanner rule of the default routes).")
    public static final String USER_AGENT = "SipUserAgent";

    @Metadata(label = "consumer,producer", javaType = "String", description = "IP address the message came from.")
    public static final String SOURCE_ADDRESS = "SipSourceAddress";

    @Metadata(label = "consumer,producer", javaType = "Integer", description = "Port the message came from.")
    public static final String SOURCE_PORT = "SipSourcePort";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Transport the message arrived on: udp or tcp.")
    public static final String TRANSPORT = "SipTransport";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "Name of the feature that owns the request (a SipRequestOwner service, e.g. ussd), set"
                    + " before the route runs; absent for the requests of no feature. Routes branch on it with a"
                    + " header test, which copies nothing.")
    public static final String OWNER = "SipOwner";

    @Metadata(
            label = "consumer,producer",
            javaType = "io.switchboard.sip.SipMessage",
            description = "The whole message, read-only, free of SIP stack types.")
    public static final String MESSAGE = "SipMessage";

    @Metadata(
            label = "consumer,producer",
            javaType = "Integer",
            description = "Status code: the answer a route gives (sent when the route ends, or by sip:reply), or the "
                    + "status of the final response a producer got.")
    public static final String STATUS = "SipStatus";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Reason phrase that goes with SipStatus; optional (default: the phrase of the status).")
    public static final String REASON = "SipReason";

    @Metadata(
            label = "consumer,producer",
            javaType = "java.util.List<String>",
            description = "Prefix of headers copied into a SIP message: SipHeader.Allow = \"INVITE, OPTIONS\" adds an "
                    + "Allow header; a List of Strings adds one header per element.")
    public static final String HEADER_PREFIX = "SipHeader.";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "When set on a consumer exchange, the message body becomes the response body with this "
                    + "Content-Type.")
    public static final String REPLY_CONTENT_TYPE = "SipReplyContentType";

    @Metadata(
            label = "consumer,producer",
            javaType = "io.switchboard.sip.SipDialog",
            description = "The dialog: UAS side on dialog-creating requests, UAC side after a 2xx; the input of "
                    + "in-dialog requests a producer sends.")
    public static final String DIALOG = "SipDialog";

    @Metadata(
            label = "consumer",
            javaType = "Boolean",
            description = "Exchange property: when true the consumer sends nothing at route end; someone answers "
                    + "later through SipServerExchange.")
    public static final String REPLY_DEFERRED = "SipReplyDeferred";

    @Metadata(
            label = "consumer",
            javaType = "io.switchboard.sip.SipServerExchange",
            description = "Exchange property holding the server transaction of a consumer exchange.")
    public static final String SERVER_EXCHANGE = "SipServerExchange";

    /** @deprecated the proxy's headers are in {@link SipProxyHeaders}: {@link SipProxyHeaders#TARGETS}. */
    @Deprecated
    public static final String TARGETS = SipProxyHeaders.TARGETS;
    /** @deprecated {@link SipProxyHeaders#REMOVE_HEADERS}. */
    @Deprecated
    public static final String PROXY_REMOVE_HEADERS = SipProxyHeaders.REMOVE_HEADERS;
    /** @deprecated {@link SipProxyHeaders#HEADER_PREFIX}. */
    @Deprecated
    public static final String PROXY_HEADER_PREFIX = SipProxyHeaders.HEADER_PREFIX;
    /** @deprecated {@link SipProxyHeaders#REMOVE_RESPONSE_HEADERS}. */
    @Deprecated
    public static final String PROXY_REMOVE_RESPONSE_HEADERS = SipProxyHeaders.REMOVE_RESPONSE_HEADERS;

    @Metadata(
            label = "consumer,internal",
            javaType = "Object",
            description = "Exchange property (internal): the connector a consumer exchange arrived on, an object of "
                    + "the sip bundle's private package.")
    public static final String CONNECTOR = "SipConnector";

    private SipHeaders() {}
}
