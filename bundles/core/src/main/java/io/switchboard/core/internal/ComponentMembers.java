package io.switchboard.core.internal;

import io.switchboard.core.FeatureVariables;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The component services registered for the platform context and their {@code component-<name>} global variables
 * ({@link FeatureVariables}). A variable is set once its component is a member of the context and removed when the
 * last service of that name leaves, under one lock, so that a join that races a departure never leaves a variable
 * behind for a component that is gone (a route would then send to it). Services are counted per name: a bundle
 * whose new service is registered before its old one goes keeps its variable.
 */
final class ComponentMembers {

    private final Map<String, Integer> services = new HashMap<>();

    /** A component service was registered. */
    synchronized void add(String name) {
        services.merge(name, 1, Integer::sum);
    }

    synchronized Set<String> names() {
        return Set.copyOf(services.keySet());
    }

    /**
     * Makes the registered component {@code name} a member of {@code ctx} (a registry lookup the first time) and
     * sets its variable. Does nothing for a component that left meanwhile.
     */
    synchronized void join(String name, CamelContext ctx) {
        if (!services.containsKey(name)) {
            return;
        }
        if (ctx.hasComponent(name) == null) {
            ctx.getComponent(name);
        }
        if (ctx.hasComponent(name) != null) {
            ctx.setVariable(FeatureVariables.component(name), Boolean.TRUE);
        }
    }

    /**
     * A service left. When it was the last of its name its variable goes at once, so that no new request takes a
     * branch of the feature; returns whether another service of that name remains (it must join again).
     */
    synchronized boolean remove(String name, CamelContext ctx) {
        Integer left = services.computeIfPresent(name, (n, count) -> count > 1 ? count - 1 : null);
        if (left == null && ctx != null) {
            // a null value removes a global variable (Camel's AbstractVariableRepository)
            ctx.setVariable(FeatureVariables.component(name), null);
        }
        return left != null;
    }
}
