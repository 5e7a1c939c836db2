package io.switchboard.sca;

/**
 * A snapshot of one appearance of a shared line.
 *
 * @param aor        the shared line, {@code user@domain}
 * @param index      appearance index, 1-based
 * @param state      its state
 * @param uri        the remote party shown on the phones ({@code appearance-uri}), null when none
 * @param owner      Contact URI of the device that holds the appearance, null when none (operations)
 * @param callId     Call-ID of the call on the appearance, null while only seized
 * @param modifiedAt epoch millis of the last change
 */
public record Appearance(
        String aor, int index, AppearanceState state, String uri, String owner, String callId, long modifiedAt) {}
