package io.switchboard.itests;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What another system does with the platform's events: a consumer of the official AMQP client on its own exclusive
 * queue, bound to the exchange with a topic pattern. A class of its own, loaded only once the feature
 * switchboard-rabbitmq (which brings the client bundle the probe imports dynamically) is installed.
 */
final class RabbitMqConsumer implements AutoCloseable {

    /** One message as received: its routing key and JSON body. */
    record Message(String routingKey, String body) {}

    private final Connection connection;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    RabbitMqConsumer(String uri, String exchange, String binding) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        connection = f.newConnection("itest-consumer");
        Channel ch = connection.createChannel();
        ch.exchangeDeclare(exchange, "topic", true);
        String queue = ch.queueDeclare().getQueue();
        ch.queueBind(queue, exchange, binding);
        ch.basicConsume(
                queue,
                true,
                (tag, d) -> received.add(
                        new Message(d.getEnvelope().getRoutingKey(), new String(d.getBody(), StandardCharsets.UTF_8))),
                tag -> {});
    }

    /** The next message, or null after {@code millis}. */
    Message next(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        connection.abort();
    }
}
