package io.unikernal.translate.bridge;

/** Kafka to RabbitMQ: a topic's records published to an exchange, each offset committed after its confirm. */
public final class KafkaToRabbitMq extends Bridge {

    public KafkaToRabbitMq() {
        super("kafka", "kafka", "rabbitmq");
    }

    @Override
    public String description() {
        return "a bridge: every record of the kafka system's topic published to the target's exchange with its"
                + " routing key, at least once (the offset is committed only after RabbitMQ confirmed the publish),"
                + " the correlation id and UDM envelope carried, what RabbitMQ refuses (unroutable, nacked)"
                + " dead-lettered with the reason";
    }
}
