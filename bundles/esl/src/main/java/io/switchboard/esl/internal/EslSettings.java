package io.switchboard.esl.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.esl}: what all connections share (back-off, time-outs, the outbound bind
 * address). Each FreeSWITCH server has a file of its own ({@link EslServerSettings}). Times are seconds.
 */
@ObjectClassDefinition(name = "Switchboard Event Socket", description = "FreeSWITCH Event Socket (esl component)")
@interface EslSettings {

    String PID = "io.switchboard.esl";

    @AttributeDefinition(
            description = "Seconds before the first reconnection (doubled after each failure)",
            min = "0.01")
    @Check(min = 0.01)
    double reconnect_min() default 1;

    @AttributeDefinition(
            description = "Most seconds between two reconnections (also after a refused password)",
            min = "0.01")
    @Check(min = 0.01)
    double reconnect_max() default 30;

    @AttributeDefinition(description = "Seconds to connect and authenticate before a command fails", min = "0.01")
    @Check(min = 0.01)
    double connect_timeout() default 5;

    @AttributeDefinition(description = "Seconds an api command may take before the exchange fails", min = "0.01")
    @Check(min = 0.01)
    double api_timeout() default 30;

    @AttributeDefinition(description = "Seconds a bgapi job may take before its exchange fails", min = "0.01")
    @Check(min = 0.01)
    double job_timeout() default 300;

    @AttributeDefinition(description = "Address esl:outbound binds to unless its URI says (loopback: safe by default)")
    String outbound_host() default "127.0.0.1";

    @AttributeDefinition(
            description = "Events one esl:events consumer may hold queued; more are dropped and counted",
            min = "1")
    @Check(min = 1)
    int event__queue() default 100000;

    @AttributeDefinition(description = "The server originate uses (REST, shell) when none is named")
    String originate_server() default "default";

    @AttributeDefinition(description = "Seconds REST and shell originate wait for the call to be answered", min = "1")
    @Check(min = 1)
    double originate_timeout() default 75;
}
