package io.switchboard.sip;

/**
 * Names of the Camel message headers and exchange properties used by the {@code sip} component.
 * <p>
 * Headers describing a SIP message ({@link #METHOD} .. {@link #MESSAGE}) are set by the consumer
 * on every incoming request (and, with {@code consume=responses}, on every incoming response) and
 * by the producer when the final response arrives. The answering headers ({@link #STATUS},
 * {@link #REASON}, {@link #HEADER_PREFIX}, {@link #REPLY_CONTENT_TYPE}) are read by the consumer
 * when the route ends and by {@code sip:reply}.
 */
public final class SipHeaders {

    /** Request method (for a response: the CSeq method). String. */
    public static final String METHOD = "SipMethod";
    /** Request-URI. String. */
    public static final String REQUEST_URI = "SipRequestUri";
    /** URI of the From header (no display name, no parameters). String. */
    public static final String FROM_URI = "SipFromUri";
    /** From tag. String or absent. */
    public static final String FROM_TAG = "SipFromTag";
    /** URI of the To header. String. */
    public static final String TO_URI = "SipToUri";
    /** To tag. String or absent. */
    public static final String TO_TAG = "SipToTag";
    /** Call-ID. String. */
    public static final String CALL_ID = "SipCallId";
    /** CSeq number. Long. */
    public static final String CSEQ = "SipCSeq";
    /** Event package of the Event header (without parameters). String or absent. */
    public static final String EVENT = "SipEvent";
    /** Value of the Expires header. Integer or absent. */
    public static final String EXPIRES = "SipExpires";
    /** URI of the first Contact header. String or absent. */
    public static final String CONTACT = "SipContact";
    /** Content-Type of the message body. String or absent. */
    public static final String CONTENT_TYPE = "SipContentType";
    /** IP address the message came from. String. */
    public static final String SOURCE_ADDRESS = "SipSourceAddress";
    /** Port the message came from. Integer. */
    public static final String SOURCE_PORT = "SipSourcePort";
    /** Transport the message arrived on: {@code udp} or {@code tcp}. String. */
    public static final String TRANSPORT = "SipTransport";
    /** The whole message as a {@link SipMessage}. */
    public static final String MESSAGE = "SipMessage";

    /** Status code: the answer a route gives, or the status of the response a producer got. Integer. */
    public static final String STATUS = "SipStatus";
    /** Reason phrase that goes with {@link #STATUS}. String, optional. */
    public static final String REASON = "SipReason";
    /**
     * Prefix of headers copied into a SIP message: {@code SipHeader.Allow = "INVITE, OPTIONS"} adds
     * an {@code Allow} header; a List of Strings adds one header per element.
     */
    public static final String HEADER_PREFIX = "SipHeader.";
    /** When set on a consumer exchange, the message body becomes the response body with this Content-Type. */
    public static final String REPLY_CONTENT_TYPE = "SipReplyContentType";
    /** A {@link SipDialog} (UAS side on dialog-creating requests, UAC side after a 2xx; input for in-dialog requests). */
    public static final String DIALOG = "SipDialog";

    /** Exchange property: when {@code true} the consumer sends nothing at route end; someone answers later. */
    public static final String REPLY_DEFERRED = "SipReplyDeferred";
    /** Exchange property holding the {@link SipServerExchange} of a consumer exchange. */
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
    /** Exchange property (internal): the connector a consumer exchange arrived on. */
    public static final String CONNECTOR = "SipConnector";

    private SipHeaders() {
    }
}
