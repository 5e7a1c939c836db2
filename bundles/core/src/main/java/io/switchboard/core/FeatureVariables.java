package io.switchboard.core;

/**
 * Names of the Camel global variables the platform context keeps for routes, so that a route asks "is feature X
 * installed / on" with {@code ${variable.global:component-sca} != null}: a map lookup in the context's global
 * variable repository, where {@code ${camelContext.hasComponent('sca')}} goes through Camel's OGNL bean call, which
 * copies the whole exchange (headers, properties) at every evaluation (BENCHMARKS.md, "Call path profile").
 *
 * <p>Names use '-', never '.': Camel's simple language reads {@code ${variable.global:a.b}} as the variable
 * {@code a} followed by an OGNL call {@code .b} (a bean call again), while {@code a-b} is one plain name.
 */
public final class FeatureVariables {

    /** Prefix of the variable set while a component service of that name is a member of the platform context. */
    public static final String COMPONENT_PREFIX = "component-";

    private FeatureVariables() {}

    /** The variable present (value {@code true}) exactly while component {@code name} is in the context. */
    public static String component(String name) {
        return COMPONENT_PREFIX + name;
    }
}
