package io.unikernal.translate.bridge;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** RabbitMQ to Kafka: a queue's messages written to a topic, each acked after Kafka acknowledged the record. */
public final class RabbitMqToKafka extends Bridge {

    public RabbitMqToKafka() {
        super("amqp", "rabbitmq", "kafka");
    }

    /** The kafka target's key expression: the routing key the message was published with (Camel's header). */
    static final String ROUTING_KEY = "headers.CamelSpringRabbitmqRoutingKey";

    /** Each record's key is the AMQP routing key, so one routing key's messages stay in order in one partition. */
    @Override
    EndpointRef target(EndpointRef written) {
        Map<String, OptionValue> options = new LinkedHashMap<>(written.options());
        options.putIfAbsent("key", new OptionValue(ROUTING_KEY, written.pos()));
        return new EndpointRef(written.system(), options, written.policy(), written.pos());
    }

    @Override
    public String description() {
        return "a bridge: every message of the exposed queue written to the kafka system's topic with its routing key as the record's key, at least once"
                + " (the message is acked only after Kafka acknowledged the record, acks=all, idempotent), the"
                + " correlation id and UDM envelope carried, what Kafka refuses dead-lettered with the reason";
    }
}
