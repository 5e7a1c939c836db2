package io.switchboard.homer;

/**
 * A sync that did not complete, with the reason an operator can act on. {@link #kind()} tells a configuration
 * problem on our side from a Homer that is down or answers badly, which REST maps to different statuses.
 */
public class HomerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the sync failed. */
    public enum Kind {
        /** {@code enabled = false}: nothing was sent to Homer. */
        DISABLED,
        /** The inventory could not be read or has an invalid or duplicated alias: nothing was sent to Homer. */
        INVENTORY,
        /** No connection to Homer (refused, unknown host, connect or request time-out). */
        UNREACHABLE,
        /** Homer refused our user (login 401, or 401/403 on a write after a fresh login). */
        REFUSED,
        /** Homer answered with a 5xx, an unexpected status or a body that is not the JSON of its API. */
        BAD_ANSWER,
        /** Homer acknowledged the writes but reading the aliases back shows they were not applied. */
        NOT_APPLIED
    }

    private final Kind kind;

    public HomerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HomerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
