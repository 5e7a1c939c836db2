package io.switchboard.cgrates.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.cgrates}, declared once (a method {@code a__b} is the key {@code a_b},
 * {@code a_b} the key {@code a.b}); {@code config:meta io.switchboard.cgrates} shows them. Times are seconds,
 * fractions allowed (the unit tests use short ones).
 */
@ObjectClassDefinition(name = "Switchboard CGRateS billing", description = "CGRateS v0.10 JSON-RPC client")
@interface CgratesSettings {

    String PID = "io.switchboard.cgrates";

    @AttributeDefinition(
            description = "Billing on: CDRs, prepaid, limits, the bijson link; off, the bundle only answers "
                    + "cgrates: steps with nothing to do (so the feature may be installed everywhere)")
    boolean enabled() default false;

    @AttributeDefinition(
            description = "CGRateS request/response engines in fail-over order: tcp://host:2012 (JSON object "
                    + "stream) or http://host:2080/jsonrpc")
    @Check(
            pattern = "\\s*(tcp|http|https)://[^,\\s]+(\\s*,\\s*(tcp|http|https)://[^,\\s]+)*\\s*",
            expected = "a comma list of tcp://host:port or http://host:port/jsonrpc")
    String engines() default "tcp://127.0.0.1:2012";

    @AttributeDefinition(
            description = "Two-way JSON-RPC listeners (listen.bijson) in fail-over order, host:port; sessions go "
                    + "there and CGRateS sends DisconnectSession back on it; none: no link")
    @Check(
            pattern = "none|\\s*[^,\\s:]+:\\d+(\\s*,\\s*[^,\\s:]+:\\d+)*\\s*",
            expected = "none or a comma list of host:port")
    String bijson() default "127.0.0.1:2014";

    @AttributeDefinition(description = "Tenant of every event")
    @Check(pattern = "[^\\s]+", expected = "a tenant name")
    String tenant() default "cgrates.org";

    @AttributeDefinition(description = "OriginHost of every event (with OriginID it makes the CGRID)")
    @Check(pattern = "[^\\s]+", expected = "a host name")
    String origin_host() default "switchboard";

    @AttributeDefinition(description = "RequestType when the route sets none")
    @Check(pattern = "\\*(prepaid|postpaid|pseudoprepaid|rated|none)", expected = "*prepaid, *postpaid, ...")
    String request__type() default "*postpaid";

    @AttributeDefinition(description = "Seconds to open a connection to an engine", min = "0.001")
    @Check(min = 0.001)
    double connect__timeout() default 2;

    @AttributeDefinition(description = "Seconds one request may take before the next engine is tried", min = "0.001")
    @Check(min = 0.001)
    double request__timeout() default 3;

    @AttributeDefinition(description = "TCP connections per engine", min = "1")
    @Check(min = 1, max = 64)
    int pool__size() default 4;

    @AttributeDefinition(description = "Seconds between UpdateSession of a prepaid call (0: none)", min = "0")
    @Check(min = 0)
    double debit__interval() default 30;

    @AttributeDefinition(description = "Longest call in seconds: the Usage asked for at authorization", min = "1")
    @Check(min = 1)
    double max__usage() default 10800;

    @AttributeDefinition(
            description =
                    "CGRateS unreachable on a prepaid INVITE: open (connect, postpaid CDR later) or closed " + "(503)")
    @Check(pattern = "open|closed", expected = "open or closed")
    String fail__policy() default "open";

    @AttributeDefinition(description = "SIP status of a prepaid call refused for credit (402 or 403)")
    @Check(min = 400, max = 699)
    int credit__status() default 402;

    @AttributeDefinition(description = "The method CDRs are sent with")
    @Check(
            pattern = "SessionSv1\\.ProcessCDR|CDRsV1\\.ProcessEvent",
            expected = "SessionSv1.ProcessCDR or " + "CDRsV1.ProcessEvent")
    String cdr__method() default "SessionSv1.ProcessCDR";

    @AttributeDefinition(description = "Flags of CDRsV1.ProcessEvent, comma separated")
    String cdr__flags() default "*attributes,*chargers,*rals,*store";

    @AttributeDefinition(description = "Also a CDR for unanswered calls (OpenSIPS's missed flag)")
    boolean missed__calls() default false;

    @AttributeDefinition(description = "Concurrent-call limits through ResourceSv1 on every billed INVITE")
    boolean resources() default false;

    @AttributeDefinition(description = "SIP status of a call over its limit (403 or 486)")
    @Check(min = 400, max = 699)
    int resources__status() default 403;

    @AttributeDefinition(description = "Seconds a resource usage lives in CGRateS if its release never comes")
    @Check(min = 1)
    double resources__ttl() default 10800;

    @AttributeDefinition(description = "Seconds before the first retry of an undelivered outbox row", min = "0.001")
    @Check(min = 0.001)
    double outbox_retry__min() default 1;

    @AttributeDefinition(description = "Longest wait in seconds between two retries (the back-off doubles)")
    @Check(min = 0.001)
    double outbox_retry__max() default 60;

    @AttributeDefinition(description = "Attempts before a row is marked failed (0: retry for ever)")
    @Check(min = 0)
    int outbox_max__attempts() default 0;

    @AttributeDefinition(description = "Hours delivered rows are kept (shell and REST show them)")
    @Check(min = 0)
    double outbox_keep__hours() default 24;
}
