package io.switchboard.core.internal;

import io.switchboard.core.FeatureVariables;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The component services registered for the platform context and their {@code component-<name>} global variables
 * ({@link FeatureVariables}). A variable is set once its component is a member of the context and removed as soon
 * as the service leaves, under one lock, so that a join that races a departure never leaves a variable behind for
 * a component that is gone (a route would then send to it).
 */
final class ComponentMembers {

    private final Set<String> names = new HashSet<>();

    /** A component service was registered; returns false when it already was. */
    synchronized boolean add(String name) {
        return names.add(name);
    }

    synchronized Set<String> names() {
        return Set.copyOf(names);
    }

    /**
     * Makes the registered component {@code name} a member of {@code ctx} (a registry lookup the first time) and
     * sets its variable. Does nothing for a component that left meanwhile.
     */
    synchronized void join(String name, CamelContext ctx) {
        if (!names.contains(name)) {
            return;
        }
        if (ctx.hasComponent(name) == null) {
            ctx.getComponent(name);
        }
        if (ctx.hasComponent(name) != null) {
            ctx.setVariable(FeatureVariables.component(name), Boolean.TRUE);
        }
    }

    /** The service left: its variable goes at once, so that no new request takes a branch of the feature. */
    synchronized void remove(String name, CamelContext ctx) {
        names.remove(name);
        if (ctx != null) {
            // a null value removes a global variable (Camel's AbstractVariableRepository)
            ctx.setVariable(FeatureVariables.component(name), null);
        }
    }
}
