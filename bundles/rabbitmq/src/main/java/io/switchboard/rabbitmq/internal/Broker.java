package io.switchboard.rabbitmq.internal;

import java.io.IOException;
import java.util.List;

/**
 * The broker as the {@link EventExporter} sees it: connect, publish a batch and have it confirmed, disconnect. The
 * seam lets the exporter's buffering, ordering and back-off be tested without a broker; {@link AmqpBroker} is the
 * RabbitMQ one.
 */
interface Broker {

    /** One message: its routing key, the AMQP {@code type} property (the event type), and the JSON body. */
    record Message(String routingKey, String type, long sequence, long timestamp, byte[] body) {}

    /** Opens a connection (and whatever it needs: channel, exchange); called when not connected. */
    void connect() throws IOException;

    /**
     * Publishes the messages in order and returns when the broker has confirmed them all.
     *
     * @throws IOException when the connection is lost or the broker did not confirm in time: the exporter
     *                     disconnects and sends the same batch again after reconnecting
     * @throws InterruptedException when the export stops meanwhile
     */
    void publish(List<Message> batch) throws IOException, InterruptedException;

    /** True while the connection is open (false once the broker closed it or it broke). */
    boolean isOpen();

    /** Closes the connection, if any; never throws. */
    void disconnect();
}
