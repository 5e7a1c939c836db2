package io.switchboard.rabbitmq;

/**
 * The export of the platform's events to RabbitMQ (OSGi service of {@code bundles/rabbitmq}), OpenSIPS's
 * {@code event_rabbitmq}: what the shell, the REST API and tests read. The export itself needs no caller: it
 * subscribes to the event bus when its settings are read and publishes on a thread of its own, so a broker that is
 * slow or away never holds a SIP thread or the bus's delivery threads.
 */
public interface EventExport {

    /** The counters since the export started (it starts again when its settings change). */
    ExportStatistics statistics();
}
