package io.switchboard.events;

/**
 * Counters of the bus since its start.
 *
 * @param published     events published
 * @param delivered     events handed to a subscription's handler
 * @param dropped       deliveries dropped (delivery queue full, or a handler that threw)
 * @param timedOut      subscriptions closed by their time-out
 * @param subscriptions live subscriptions now
 * @param waiting       routes suspended in {@code events:wait} now
 */
public record EventStatistics(
        long published, long delivered, long dropped, long timedOut, int subscriptions, int waiting) {}
