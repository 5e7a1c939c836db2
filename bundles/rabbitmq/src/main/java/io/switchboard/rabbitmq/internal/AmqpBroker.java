package io.switchboard.rabbitmq.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * RabbitMQ through the official AMQP 0-9-1 client: one connection and one channel in confirm mode, the exchange
 * declared durable and of type topic (unless {@code exchange_declare=false}). The client's own automatic recovery is
 * off: {@link EventExporter} reconnects, with its back-off, and knows which batch was not confirmed. Messages are
 * persistent, {@code application/json}, with the event type, sequence and time as AMQP properties.
 */
final class AmqpBroker implements Broker {

    /** How long a batch may wait for the broker's confirmation before the connection is taken as lost. */
    static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int HEARTBEAT_SECONDS = 10;

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String exchange;
    private final boolean declare;
    private Connection connection;
    private Channel channel;

    /**
     * @throws IllegalArgumentException when the URI is not an AMQP one the client accepts
     */
    AmqpBroker(RabbitMqConfig c) {
        try {
            factory.setUri(c.uri());
        } catch (GeneralSecurityException | URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("uri " + c.uri() + " is not an AMQP URI: " + e.getMessage(), e);
        }
        if (URI.create(c.uri()).getUserInfo() == null) {
            factory.setUsername(c.user());
            factory.setPassword(c.password());
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        this.exchange = c.exchange();
        this.declare = c.declareExchange();
    }

    @Override
    public void connect() throws IOException {
        try {
            connection = factory.newConnection("switchboard-events");
        } catch (TimeoutException e) {
            throw new IOException("connection timed out", e);
        }
        channel = connection.createChannel();
        channel.confirmSelect();
        if (declare) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        }
    }

    @Override
    public void publish(List<Message> batch) throws IOException, InterruptedException {
        for (Message m : batch) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .contentEncoding("utf-8")
                    .deliveryMode(2)
                    .type(m.type())
                    .messageId(Long.toString(m.sequence()))
                    .timestamp(new Date(m.timestamp()))
                    .appId("switchboard")
                    .build();
            channel.basicPublish(exchange, m.routingKey(), props, m.body());
        }
        try {
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm " + batch.size() + " events in time", e);
        }
    }

    @Override
    public boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen() && channel != null && channel.isOpen();
    }

    @Override
    public void disconnect() {
        Connection c = connection;
        connection = null;
        channel = null;
        if (c != null) {
            c.abort(1_000);
        }
    }
}
