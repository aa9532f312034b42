package io.unikernal.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A test's own plain AMQP client (amqp-client, no Spring, no Camel) on a broker: declares and deletes what a test
 * uses, publishes as a real sender would (persistent, JSON, correlation id, confirmed), and consumes what an app
 * published. Its connection recovers by itself after a broker restart. Names it declared are deleted on close.
 */
final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    Broker(int port) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection("unikernal test peer");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** A durable queue (kept by name for deletion), as an app with {@code durable: true} declares it. */
    synchronized Broker queue(String name) throws IOException {
        return queue(name, null);
    }

    /** A durable queue with these arguments ({@code x-max-length}, ...), kept by name for deletion. */
    synchronized Broker queue(String name, Map<String, Object> arguments) throws IOException {
        channel.queueDeclare(name, true, false, false, arguments);
        queues.add(name);
        return this;
    }

    /** A durable exchange of this type, kept for deletion. */
    synchronized Broker exchange(String name, BuiltinExchangeType type) throws IOException {
        channel.exchangeDeclare(name, type, true);
        exchanges.add(name);
        return this;
    }

    synchronized Broker bind(String queue, String exchange, String key) throws IOException {
        channel.queueBind(queue, exchange, key);
        return this;
    }

    /** Names an app declared, to delete on close. */
    synchronized void forget(String queueOrExchange, boolean queue) {
        (queue ? queues : exchanges).add(queueOrExchange);
    }

    /** Publishes a JSON body, persistent, with a correlation id, and waits for the broker's confirm. */
    synchronized void publish(String exchange, String key, String json, String correlationId, Map<String, Object> headers)
            throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("UTF-8").deliveryMode(2).correlationId(correlationId).headers(headers).build();
        channel.basicPublish(exchange, key, true, properties, json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    /** Publishes a message that expires at once (a per-message TTL of 1 ms) if nobody takes it. */
    synchronized void publishExpiring(String queue, String json) throws IOException, InterruptedException,
            TimeoutException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).expiration("1").build();
        channel.basicPublish("", queue, true, properties, json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    /**
     * Publishes as {@link #publish} does, again and again (every 100 ms, for at most {@code patience}) until the broker
     * confirms it, as a sender does while its broker restarts; {@code onRefused} counts each refused try.
     */
    void publishUntilConfirmed(String exchange, String key, String json, String correlationId, Duration patience,
            Runnable onRefused) {
        Awaitility.await("the broker confirming " + correlationId).atMost(patience).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    try {
                        publish(exchange, key, json, correlationId, Map.of());
                        return true;
                    } catch (IOException | com.rabbitmq.client.ShutdownSignalException | TimeoutException refused) {
                        onRefused.run();
                        return false;
                    }
                });
    }

    /** One message of the queue (auto-ack), or null when none is ready. */
    synchronized com.rabbitmq.client.GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    /** Messages ready in the queue (not counting those delivered and not yet acked). */
    synchronized long ready(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Consumes the queue (auto-ack) into a list, decoded as the contract suite reads a message. */
    List<Received> consume(String queue) throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        Channel consumer = connection.createChannel();
        DeliverCallback deliver = (tag, delivery) -> received.add(decode(delivery.getProperties(),
                delivery.getBody()));
        consumer.basicConsume(queue, true, deliver, tag -> { });
        return received;
    }

    static Received decode(AMQP.BasicProperties properties, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        Object payload = StrictJson.read(new String(body, StandardCharsets.UTF_8), Object.class);
        return new Received(payload, properties.getCorrelationId(), headers.get(UdmProperties.SCHEMA),
                headers.get(UdmProperties.SCHEMA_VERSION), headers);
    }

    /** Deletes what was declared through it (the machine's broker keeps state between runs), then disconnects. */
    @Override
    public synchronized void close() throws IOException, TimeoutException {
        // after a broker restart the connection may still be recovering
        Awaitility.await("the test's connection open again").atMost(Duration.ofSeconds(60)).until(connection::isOpen);
        try (Channel cleanup = connection.createChannel()) {
            for (String queue : queues) {
                cleanup.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                cleanup.exchangeDelete(exchange);
            }
        } finally {
            connection.close();
        }
    }
}
