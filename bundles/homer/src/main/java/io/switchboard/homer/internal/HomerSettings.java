package io.switchboard.homer.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.homer}. Off by default: a fresh install has no Homer to talk to, and a sync
 * against the wrong server would delete its aliases.
 */
@ObjectClassDefinition(name = "Switchboard Homer alias sync", description = "Homer 7 IP aliases from an inventory")
@interface HomerSettings {

    String PID = "io.switchboard.homer";

    @AttributeDefinition(description = "Sync the aliases (timer and on demand); false: nothing is sent to Homer")
    boolean enabled() default false;

    @AttributeDefinition(description = "Base URL of homer-app (its /api/v3 paths are appended)")
    @Check(pattern = "https?://[^/\\s]+(/\\S*)?", expected = "an http:// or https:// URL")
    String api_url() default "http://127.0.0.1:9080";

    @AttributeDefinition(description = "Homer user (an admin: creating and deleting aliases needs one)")
    String user() default "admin";

    @AttributeDefinition(description = "Password of the Homer user", type = AttributeType.PASSWORD)
    @Secret
    String password() default "";

    @AttributeDefinition(description = "The route that returns the inventory (routes/homer.xml: reads inventory.file)")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String inventory_route() default "direct:homer-inventory";

    @AttributeDefinition(description = "The inventory file homer:inventory reads, relative to the Karaf base folder")
    String inventory_file() default "etc/homer-aliases.json";

    @AttributeDefinition(description = "Seconds between two timer syncs (homer:timer); 0: on demand only", min = "0")
    @Check(min = 0)
    int sync_interval() default 300;

    @AttributeDefinition(description = "Seconds to connect to Homer and for each request's answer", min = "0.1")
    @Check(min = 0.1, max = 300)
    double timeout() default 10;
}
