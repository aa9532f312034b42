package io.unikernal.adapter.rabbitmq;

import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;

/**
 * A {@code spring-rabbitmq} endpoint whose producers publish through a {@link ConfirmedPublisher}. A producer's
 * declarations (exchange, queue, binding) are made before its first publish rather than when its route starts, so a
 * broker that is down at start does not stop the app: the kernel reports the system DOWN and the route's calls fail
 * (and are retried) until it is back. A consumer declares as the stock endpoint does, when its route starts, which
 * the kernel holds back until the broker is up.
 */
public class ConfirmingEndpoint extends SpringRabbitMQEndpoint {

    private volatile AmqpAdmin producerAdmin;

    public ConfirmingEndpoint(String endpointUri, SpringRabbitMQComponent component, String exchangeName) {
        super(endpointUri, component, exchangeName);
    }

    @Override
    public RabbitTemplate createInOnlyTemplate() {
        return new ConfirmedPublisher(this);
    }

    @Override
    public void declareElements(AbstractMessageListenerContainer container, AmqpAdmin admin) {
        if (container == null) {
            producerAdmin = admin; // a producer starting: declared by declareForPublishing, before its first publish
            return;
        }
        super.declareElements(container, admin);
    }

    /** The producer's declarations, when it has any ({@code autoDeclareProducer}); idempotent on the broker. */
    void declareForPublishing() {
        AmqpAdmin admin = producerAdmin;
        if (admin != null) {
            super.declareElements(null, admin);
        }
    }
}
