package io.unikernal.translate.bridge;

import io.unikernal.translate.spi.Translation;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RabbitMQ to Kafka: a queue's messages written to a topic, each acked after Kafka acknowledged the record. */
public final class RabbitMqToKafka extends Bridge {

    public RabbitMqToKafka() {
        super("amqp", "rabbitmq", "kafka");
    }

    /** The kafka target's key expression: the routing key the message was published with (Camel's header). */
    static final String ROUTING_KEY = "headers.CamelSpringRabbitmqRoutingKey";

    /** The kafka target's own option: how long one record may wait for Kafka before the publish fails and is retried. */
    static final Option<java.time.Duration> DELIVERY_TIMEOUT = Option.duration("deliveryTimeout").defaultText("2m")
            .description("A RabbitMQ -> Kafka bridge's: how long the producer keeps trying one record"
                    + " (delivery.timeout.ms) before the publish fails and the bridge retries it; the message stays"
                    + " unacked meanwhile.").example("30s");

    @Override
    List<Option<?>> targetOptions() {
        return List.of(DELIVERY_TIMEOUT);
    }

    /** Each record's key is the AMQP routing key, so one routing key's messages stay in order in one partition. */
    @Override
    EndpointRef target(EndpointRef written) {
        Map<String, OptionValue> options = new LinkedHashMap<>(written.options());
        options.putIfAbsent("key", new OptionValue(ROUTING_KEY, written.pos()));
        return new EndpointRef(written.system(), options, written.policy(), written.pos());
    }

    @Override
    String consumed(Translation translation, SystemDecl expose) {
        OptionValue queue = translation.expose().option("queue");
        return queue == null ? "none" : queue.asString();
    }

    @Override
    public String description() {
        return "a bridge: every message of the exposed queue written to the kafka system's topic with its routing"
                + " key as the record's key, at least once (the message is acked only after Kafka acknowledged the"
                + " record, acks=all, idempotent), the correlation id, UDM envelope, content type and the"
                + " carryHeaders allow-list carried, what Kafka refuses dead-lettered with the reason";
    }
}
