package io.switchboard.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the platform made of one XML DSL file in the routes folder.
 *
 * @param file     the file
 * @param state    LOADED when its routes are in service, FAILED when its last version could not be
 *                 loaded (the routes of the version before, if any, stay in service)
 * @param routeIds the routes in service from this file
 * @param error    why the last load failed, or null
 * @param changed  when the file was last (re)loaded or rejected
 */
public record RouteFileStatus(Path file, State state, List<String> routeIds, String error, Instant changed) {

    public enum State {
        LOADED,
        FAILED
    }
}
