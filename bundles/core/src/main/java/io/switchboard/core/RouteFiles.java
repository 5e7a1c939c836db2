package io.switchboard.core;

import java.util.List;

/** The XML route files of the platform context, as an OSGi service for the shell, REST and tests. */
public interface RouteFiles {

    /** Name of the platform CamelContext, also its {@code camel.context.name} service property. */
    String CONTEXT_NAME = "switchboard";

    /** One entry per file in the routes folder, sorted by file name. */
    List<RouteFileStatus> status();

    /** Loads every file again, as if each had just been written. */
    void reloadAll();
}
