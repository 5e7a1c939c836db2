package io.switchboard.store.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.store}, declared once (a method {@code a_b} is the key {@code a.b});
 * {@code config:meta io.switchboard.store} shows them.
 */
@ObjectClassDefinition(name = "Switchboard store", description = "The platform's one DataSource (H2 or PostgreSQL)")
@interface StoreSettings {

    String PID = "io.switchboard.store";

    @AttributeDefinition(
            description = "JDBC URL, jdbc:h2:... or jdbc:postgresql://HOST:5432/DB; empty: embedded H2 "
                    + "file ${karaf.data}/switchboard/switchboard",
            required = false)
    @Check(pattern = "(jdbc:h2:|jdbc:postgresql:).*", expected = "a jdbc:h2: or jdbc:postgresql: URL")
    String db_url() default "";

    @AttributeDefinition(description = "Database user; empty: sa on H2", required = false)
    String db_user() default "";

    @AttributeDefinition(description = "Database password", type = AttributeType.PASSWORD, required = false)
    @Secret
    String db_password() default "";

    @AttributeDefinition(description = "Connections in the pool", min = "1")
    @Check(min = 1)
    int db_pool_size() default 10;
}
