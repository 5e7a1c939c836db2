package io.switchboard.esl.internal;

import java.time.Duration;

/**
 * The times of the inbound connections (PID {@code io.switchboard.esl}).
 *
 * @param reconnectMin   first delay before reconnecting
 * @param reconnectMax   longest delay between two attempts
 * @param connectTimeout to connect and authenticate
 * @param apiTimeout     for an api reply
 * @param jobTimeout     for a bgapi job's BACKGROUND_JOB
 */
public record Timing(
        Duration reconnectMin,
        Duration reconnectMax,
        Duration connectTimeout,
        Duration apiTimeout,
        Duration jobTimeout) {

    static Timing of(EslSettings s) {
        return new Timing(
                seconds(s.reconnect_min()),
                seconds(Math.max(s.reconnect_min(), s.reconnect_max())),
                seconds(s.connect_timeout()),
                seconds(s.api_timeout()),
                seconds(s.job_timeout()));
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
