package io.switchboard.rabbitmq;

/**
 * Counters of the export since it started.
 *
 * @param received    events the bus handed to the export (type and filter matched)
 * @param published   events the broker confirmed
 * @param dropped     events dropped because the buffer was full (the broker away or slower than the platform)
 * @param buffered    events waiting in the buffer now, the ones being sent included
 * @param connects    connections opened (the first one and each reconnection)
 * @param failures    failed connection attempts and connections lost
 * @param connected   a connection to the broker is open now
 * @param lastError   the last connection or publishing error, or empty
 */
public record ExportStatistics(
        long received,
        long published,
        long dropped,
        int buffered,
        long connects,
        long failures,
        boolean connected,
        String lastError) {}
