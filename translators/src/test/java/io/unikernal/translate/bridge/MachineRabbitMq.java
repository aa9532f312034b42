package io.unikernal.translate.bridge;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The machine's RabbitMQ (127.0.0.1:5672) as the bridge tests use it, per test ({@code @RegisterExtension}): one
 * connection, the queues and exchanges a test names (the server keeps state between runs, so they are deleted after
 * the test), and reads of a queue.
 */
final class MachineRabbitMq implements BeforeEachCallback, AfterEachCallback {

    private Connection connection;
    private Channel channel;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext test) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        connection = factory.newConnection("bridge test " + test.getDisplayName());
        channel = connection.createChannel();
    }

    Channel channel() {
        return channel;
    }

    /** A queue name the test uses, deleted on close. */
    String queue(String name) {
        queues.add(name);
        return name;
    }

    /** An exchange name the test uses, deleted on close. */
    String exchange(String name) {
        exchanges.add(name);
        return name;
    }

    /** Messages ready in the queue (delivered but unacked ones not counted): AMQP's passive declare. */
    long ready(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** What the queue holds now, taken (auto-ack); nothing while it does not exist yet (a bridge declares it). */
    List<GetResponse> take(String queue) throws IOException {
        List<GetResponse> taken = new ArrayList<>();
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
        } catch (IOException notYet) {
            return taken; // the broker closed the probe's channel
        }
        for (GetResponse got = probe.basicGet(queue, true); got != null; got = probe.basicGet(queue, true)) {
            taken.add(got);
        }
        try {
            probe.close();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
        return taken;
    }

    @Override
    public void afterEach(ExtensionContext test) throws IOException {
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
        for (String exchange : exchanges) {
            channel.exchangeDelete(exchange);
        }
        queues.clear();
        exchanges.clear();
        connection.close();
    }
}
