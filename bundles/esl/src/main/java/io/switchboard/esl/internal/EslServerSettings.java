package io.switchboard.esl.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of one FreeSWITCH server: factory PID {@code io.switchboard.esl.server}, one file
 * {@code etc/io.switchboard.esl.server-<name>.cfg} per server of the cluster. Why a factory configuration: each
 * server has its own password, events and filters, which a list in one file could only hold in a private syntax.
 */
@ObjectClassDefinition(
        name = "Switchboard Event Socket server",
        description = "One FreeSWITCH server (inbound Event Socket)")
@interface EslServerSettings {

    String FACTORY_PID = "io.switchboard.esl.server";

    @AttributeDefinition(description = "The server's name in endpoint URIs (server=...); default the file's suffix")
    String name() default "";

    @AttributeDefinition(description = "FreeSWITCH host (event_socket.conf.xml listen-ip)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "Event Socket port (listen-port)", min = "1", max = "65535")
    @Check(min = 1, max = 65535)
    int port() default 8021;

    @AttributeDefinition(description = "Event Socket password (event_socket.conf.xml password)")
    @Secret
    String password() default "ClueCon";

    @AttributeDefinition(description = "Events subscribed on connect besides those of the routes (space-separated)")
    String events() default "";

    @AttributeDefinition(description = "Event format on the socket: plain, json or xml")
    @Check(pattern = "plain|json|xml", expected = "plain, json or xml")
    String format() default "plain";

    @AttributeDefinition(description = "Filters of the socket: 'Header value' pairs separated by ';'")
    String filters() default "";
}
