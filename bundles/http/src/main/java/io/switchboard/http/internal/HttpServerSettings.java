package io.switchboard.http.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.http}, declared once (a method {@code a_b} is the key {@code a.b});
 * {@code config:meta io.switchboard.http} shows them.
 */
@ObjectClassDefinition(name = "Switchboard REST API", description = "The REST/JSON API server")
@interface HttpServerSettings {

    String PID = "io.switchboard.http";

    @AttributeDefinition(description = "Address to bind (loopback by default: the API can hang up calls)")
    String http_host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port", min = "1", max = "65535")
    @Check(min = 1, max = 65535)
    int http_port() default 8088;

    @AttributeDefinition(
            description = "Bearer token every request must carry; empty: no authentication",
            type = AttributeType.PASSWORD,
            required = false)
    @Secret
    String http_api_token() default "";

    @AttributeDefinition(
            description = "Host header values the API answers (comma-separated host or host:port, "
                    + "port default http.port); empty: the bind address, localhost, 127.0.0.1 and [::1]",
            required = false)
    @Check(pattern = AllowedHosts.PATTERN, expected = "host[:port], comma-separated")
    String http_allowed_hosts() default "";
}
