package io.switchboard.pike;

/**
 * A source address that is refused until {@code expiresAt}: every request from it is dropped before it is parsed
 * (or answered 403, setting {@code ban_action}).
 *
 * @param address   the source address, as the sip component prints it
 * @param cause     {@link #FLOOD} or {@link #AUTH_FAILURES}
 * @param detail    what happened, for people (e.g. {@code 10 failed authentications in 60 s, last for alice@...})
 * @param bannedAt  epoch milliseconds
 * @param expiresAt epoch milliseconds
 * @param refused   requests refused since the ban began
 */
public record Ban(String address, String cause, String detail, long bannedAt, long expiresAt, long refused) {

    /** More requests in a sampling unit than {@code reqs_density_per_unit} (Kamailio pike). */
    public static final String FLOOD = "flood";

    /** Too many failed digest authentications within {@code auth_fail_window}. */
    public static final String AUTH_FAILURES = "auth-failures";
}
