package io.switchboard.registrar;

import org.apache.camel.spi.Metadata;

/**
 * Camel message headers set by the {@code registrar}, {@code location} and authentication endpoints, each documented
 * by its {@link Metadata}. The requests they answer carry the sip component's headers ({@code SipHeaders}).
 */
public final class RegistrarHeaders {

    @Metadata(
            label = "producer",
            javaType = "java.util.List<String>",
            description = "Set by location:lookup: the contact URIs of the Request-URI's AoR, newest registration "
                    + "first; SipRequestUri is rewritten to its first element. The same header proxy:relay forks to.")
    public static final String TARGETS = "SipTargets";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "Set by registrar:authenticate: user@domain of the subscriber whose digest credentials "
                    + "were accepted.")
    public static final String AUTH_USER = "SipAuthUser";

    private RegistrarHeaders() {}
}
