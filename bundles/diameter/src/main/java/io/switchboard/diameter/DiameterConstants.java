package io.switchboard.diameter;

import org.apache.camel.spi.Metadata;

/**
 * Headers of the {@code diameter:} endpoints. On a consumer exchange the body is the request
 * ({@link DiameterMessage}) and these headers describe it; the route answers either with a {@link DiameterMessage}
 * answer in the body (built from {@link DiameterMessage#createAnswer()}) or with the result headers, from which the
 * consumer builds the answer. On a producer exchange the body becomes the answer, and the headers describe it.
 */
public final class DiameterConstants {

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Abbreviation of the command (UAR, MAR ...; the answer's on a producer exchange)")
    public static final String COMMAND = "DiameterCommand";

    @Metadata(label = "consumer,producer", javaType = "Integer", description = "The command code")
    public static final String COMMAND_CODE = "DiameterCommandCode";

    @Metadata(label = "consumer,producer", javaType = "Long", description = "The Application-Id of the header")
    public static final String APPLICATION_ID = "DiameterApplicationId";

    @Metadata(label = "consumer,producer", javaType = "String", description = "The Session-Id, when there is one")
    public static final String SESSION_ID = "DiameterSessionId";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "Identity of the peer connection the request came over (consumer); on a producer "
                    + "exchange, set before the call, the peer to send to (overrides the peer option)")
    public static final String PEER = "DiameterPeer";

    @Metadata(label = "consumer,producer", javaType = "String", description = "Origin-Host of the message")
    public static final String ORIGIN_HOST = "DiameterOriginHost";

    @Metadata(label = "consumer,producer", javaType = "String", description = "Origin-Realm of the message")
    public static final String ORIGIN_REALM = "DiameterOriginRealm";

    @Metadata(
            label = "consumer,producer",
            javaType = "Long",
            description = "Consumer: set by the route, the Result-Code of the answer (3xxx sets the E bit); "
                    + "producer: the answer's Result-Code")
    public static final String RESULT_CODE = "DiameterResultCode";

    @Metadata(
            label = "consumer,producer",
            javaType = "Long",
            description = "Consumer: set by the route, an Experimental-Result with the application's vendor and "
                    + "this code; producer: the answer's Experimental-Result-Code")
    public static final String EXPERIMENTAL_RESULT_CODE = "DiameterExperimentalResultCode";

    @Metadata(
            label = "consumer",
            javaType = "String",
            description = "Set by the route: the Error-Message of the answer")
    public static final String ERROR_MESSAGE = "DiameterErrorMessage";

    private DiameterConstants() {}
}
