package io.switchboard.cgrates;

import org.apache.camel.spi.Metadata;

/**
 * Camel headers of the {@code cgrates:} endpoints, each documented by its {@link Metadata} (label {@code call} for
 * {@code cgrates:call}, {@code command} for {@code cgrates:<Method>}, the route-level {@code cgrates_cmd} of OpenSIPS).
 * Why headers and prefixes: the route sets what it knows about a call (account, destination, extra fields) the way
 * an OpenSIPS script sets {@code $cgr(name)}, and reads the reply's fields as it reads {@code $cgr_ret(name)}.
 */
public final class CgratesConstants {

    @Metadata(
            label = "call",
            javaType = "String",
            description = "In: the account to debit; default the user part of the From URI.")
    public static final String ACCOUNT = "CgratesAccount";

    @Metadata(label = "call", javaType = "String", description = "In: the rating subject; default the account.")
    public static final String SUBJECT = "CgratesSubject";

    @Metadata(
            label = "call",
            javaType = "String",
            description = "In: the dialled number; default the user part of the Request-URI.")
    public static final String DESTINATION = "CgratesDestination";

    @Metadata(
            label = "call",
            javaType = "String",
            description = "In: *prepaid, *postpaid, *pseudoprepaid, *rated or *none; default the request_type "
                    + "setting. Out: the type the call is billed as (*postpaid after a fail-open).")
    public static final String REQUEST_TYPE = "CgratesRequestType";

    @Metadata(
            label = "call",
            javaType = "Boolean",
            description = "In: true/false to take (or not) a ResourceSv1 usage for this call; default the "
                    + "resources setting.")
    public static final String RESOURCES = "CgratesResources";

    @Metadata(
            label = "call",
            javaType = "String",
            description = "Prefix: CgratesExtra.Name = value adds the extra field Name to every event of the call "
                    + "(and so to its CDR).")
    public static final String EXTRA_PREFIX = "CgratesExtra.";

    @Metadata(
            label = "call",
            javaType = "Long",
            description = "Out: the MaxUsage CGRateS granted at authorization, in nanoseconds (prepaid only).")
    public static final String MAX_USAGE = "CgratesMaxUsage";

    @Metadata(
            label = "call,command",
            javaType = "String",
            description = "Out: the error CGRateS answered, or why it could not be reached; absent on success.")
    public static final String ERROR = "CgratesError";

    @Metadata(
            label = "call",
            javaType = "String",
            description = "Out: the OriginID of the call (Call-ID;from-tag), the same in every event and the CDR.")
    public static final String ORIGIN_ID = "CgratesOriginId";

    @Metadata(
            label = "command",
            javaType = "Object",
            description = "Prefix: CgratesEvent.Name = value sets Event.Name of the CGREvent ($cgr(name)).")
    public static final String EVENT_PREFIX = "CgratesEvent.";

    @Metadata(
            label = "command",
            javaType = "Object",
            description = "Prefix: CgratesOpt.Name = value sets a top-level argument such as GetMaxUsage or Tenant "
                    + "($cgr_opt(name)).")
    public static final String OPT_PREFIX = "CgratesOpt.";

    @Metadata(
            label = "command",
            javaType = "Object",
            description = "Out: the whole result (Map, List, String or number); the fields of an object result "
                    + "also as CgratesReply.Name ($cgr_ret(name)).")
    public static final String REPLY = "CgratesReply";

    private CgratesConstants() {}
}
