package io.unikernal.translate.bridge;

/** RabbitMQ to Kafka: a queue's messages written to a topic, each acked after Kafka acknowledged the record. */
public final class RabbitMqToKafka extends Bridge {

    public RabbitMqToKafka() {
        super("amqp", "rabbitmq", "kafka");
    }

    @Override
    public String description() {
        return "a bridge: every message of the exposed queue written to the kafka system's topic, at least once"
                + " (the message is acked only after Kafka acknowledged the record, acks=all, idempotent), the"
                + " correlation id and UDM envelope carried, what Kafka refuses dead-lettered with the reason";
    }
}
