package io.unikernal.adapter.rabbitmq;

import org.apache.camel.component.springrabbit.DefaultListenerContainerFactory;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.retry.policy.NeverRetryPolicy;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listener containers that ack a message only after its route has finished with it. Camel's listener runs the route
 * on the container's thread and returns when the exchange is done (delivered, or handled by the route's dead letter
 * or error log); with acknowledge mode AUTO the container acks only then, and a consumer that dies first leaves the
 * message unacked, so the broker delivers it again. The route's own policy does the retrying, so the container
 * retries nothing; a failure that escapes the route goes to {@link RequeueOnce}. A lost connection is recovered
 * with back-off from 0.5 s to 5 s.
 */
public final class AckAfterRoute extends DefaultListenerContainerFactory {

    private static final long RECOVERY_INITIAL_MILLIS = 500;
    private static final long RECOVERY_MAX_MILLIS = 5000;

    @Override
    public AbstractMessageListenerContainer createListenerContainer(SpringRabbitMQEndpoint endpoint) {
        AbstractMessageListenerContainer container = super.createListenerContainer(endpoint);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setAdviceChain(RetryInterceptorBuilder.stateless().retryPolicy(new NeverRetryPolicy())
                .recoverer(new RequeueOnce()).build());
        ExponentialBackOff recovery = new ExponentialBackOff(RECOVERY_INITIAL_MILLIS, 2);
        recovery.setMaxInterval(RECOVERY_MAX_MILLIS);
        container.setRecoveryBackOff(recovery);
        return container;
    }
}
