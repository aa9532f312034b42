package io.unikernal.translate.bridge;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;

/** Kafka to RabbitMQ: a topic's records published to an exchange, a poll's offsets committed after their confirms. */
public final class KafkaToRabbitMq extends Bridge {

    static final Option<Boolean> ROUTING_KEY_FROM_KEY = Option.bool("routingKeyFromKey").defaultValue(false)
            .description("A Kafka -> RabbitMQ bridge's: publish each record with its key as the routing key (the"
                    + " target's routingKey for a record without a key). Not with the default exchange, where a"
                    + " routing key names a queue: a sender would choose the queue.");
    static final ProblemCode KEY_TO_DEFAULT_EXCHANGE = new PluginProblemCode("BRIDGE", 2,
            "a bridge routes by the record's key on AMQP's default exchange");

    public KafkaToRabbitMq() {
        super("kafka", "kafka", "rabbitmq");
    }

    @Override
    List<UdlKey> ownTargetKeys() {
        return List.of(ROUTING_KEY_FROM_KEY.key());
    }

    @Override
    public List<ProblemCode> problemCodes() {
        List<ProblemCode> codes = new ArrayList<>(super.problemCodes());
        codes.add(KEY_TO_DEFAULT_EXCHANGE);
        return List.copyOf(codes);
    }

    private static boolean routingKeyFromKey(Translation translation) {
        return Boolean.TRUE.equals(translation.targetInput().read(ROUTING_KEY_FROM_KEY));
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        super.check(translation, expose, target, checks);
        OptionValue exchange = translation.target().option("exchange");
        if (routingKeyFromKey(translation) && exchange != null && "default".equals(exchange.value())) {
            checks.problems().error(KEY_TO_DEFAULT_EXCHANGE, translation.targetInput().keyPos(
                    ROUTING_KEY_FROM_KEY.name()), "routingKeyFromKey on the default exchange would let each"
                    + " record's sender choose the queue it lands in", "publish to an exchange of your own, with"
                    + " queues bound for the keys");
        }
    }

    @Override
    void carry(Translation translation, Map<String, String> properties) {
        properties.put("routingKeyFromKey", String.valueOf(routingKeyFromKey(translation)));
    }

    /**
     * The records of a poll are published together, their confirms awaited once, then committed
     * ({@link ConfirmedBatches}): the compiled route becomes the record route, fed by {@code direct:}, and a route of
     * its own consumes the topic in batches (camel-kafka's {@code batching}, at most the source's maxPollRecords a
     * batch). Not in test mode, whose test source hands records over one by one.
     */
    @Override
    void inBatches(RouteDefinition records, String id, SectionCompilation compilation) {
        String source = records.getInput().getEndpointUri();
        if (!source.startsWith("kafka:")) {
            return;
        }
        String recordRoute = "direct:" + id + "-records";
        records.getInput().setUri(recordRoute);
        RouteDefinition batches = new RouteDefinition();
        batches.from(source + (source.contains("?") ? "&" : "?") + "batching=true");
        batches.routeId(id + "-batches");
        batches.routeGroup(records.getGroup());
        compilation.context().addBean(id + "-batches", ConfirmedBatches.class, Map.of("records", recordRoute, "route", id));
        batches.process(id + "-batches");
        compilation.addRoute(batches);
    }

    @Override
    String consumed(Translation translation, SystemDecl expose) {
        OptionValue topic = expose.option("topic");
        return topic == null ? "none" : String.valueOf(topic.value());
    }

    @Override
    public String description() {
        return "a bridge: every record of the kafka system's topic published to the target's exchange with its"
                + " routing key (or, with routingKeyFromKey, its key), at least once (the offset is committed only"
                + " after RabbitMQ confirmed the publish), the correlation id, UDM envelope, content type and the"
                + " carryHeaders allow-list carried, what RabbitMQ refuses (unroutable, nacked) dead-lettered with"
                + " the reason";
    }
}
