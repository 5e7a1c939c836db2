package io.switchboard.esl;

import org.apache.camel.spi.Metadata;

/**
 * Camel headers of the {@code esl:} endpoints, besides the event's own headers: every header of a FreeSWITCH event
 * ({@code Event-Name}, {@code Unique-ID}, {@code DTMF-Digit}, {@code Hangup-Cause}, {@code variable_*} ...) is a
 * Camel header of its exchange under its own name, decoded.
 */
public final class EslConstants {

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "The FreeSWITCH server's name: set by esl:events; on esl:api/bgapi it picks the server "
                    + "(wins over the server option).")
    public static final String SERVER = "EslServer";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:api/bgapi: the command to run (e.g. status, uuid_kill <uuid>); wins over the command "
                    + "option and the body.")
    public static final String COMMAND = "EslCommand";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:bgapi: the Job-UUID FreeSWITCH runs the command under (set as soon as it accepted it).")
    public static final String JOB_UUID = "EslJobUuid";

    @Metadata(
            label = "consumer,producer",
            javaType = "String",
            description = "esl:outbound: the UUID of the call the socket controls, on every exchange of that call; "
                    + "esl:execute and esl:hangup find their call by it.")
    public static final String CALL_UUID = "EslCallUuid";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:execute: the application to run (wins over the app option).")
    public static final String APPLICATION = "EslApplication";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:execute: the application's argument (wins over the arg option).")
    public static final String APPLICATION_ARG = "EslApplicationArg";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:execute, out: Application-Response of the CHANNEL_EXECUTE_COMPLETE that ended the step "
                    + "(_none_ when the application gave none); that event's headers are set too.")
    public static final String APPLICATION_RESPONSE = "EslApplicationResponse";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "esl:hangup: the Q.850 cause name (wins over the cause option).")
    public static final String HANGUP_CAUSE = "EslHangupCause";

    private EslConstants() {}
}
