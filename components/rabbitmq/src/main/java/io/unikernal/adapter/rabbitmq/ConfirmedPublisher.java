package io.unikernal.adapter.rabbitmq;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes one message and returns only once the broker has taken responsibility for it: mandatory routing, and a
 * wait for the broker's confirm of this very publish (CORRELATED confirms, bounded by the endpoint's
 * {@code confirmTimeout}). The publish fails — so the route's retry and dead letter apply — when the broker nacks it,
 * does not confirm it in time, or returns it because no queue is bound for its routing key (without mandatory the
 * broker would drop such a message and still confirm it). Spring delivers a return before the confirm of the same
 * publish, so once the confirm is in, {@link CorrelationData#getReturned()} says whether it came back. On a thread
 * with {@link DeferredConfirms} open, the wait (and these checks) are the caller's, once for many publishes.
 */
public class ConfirmedPublisher extends RabbitTemplate {

    private final ConfirmingEndpoint endpoint;
    private volatile boolean declared;

    public ConfirmedPublisher(ConfirmingEndpoint endpoint) {
        super(endpoint.getConnectionFactory());
        this.endpoint = endpoint;
        setRoutingKey(endpoint.getRoutingKey());
        setUsePublisherConnection(endpoint.isUsePublisherConnection());
        setMandatory(true);
        // the route learns of a return from the publish's correlation data; this only keeps Spring from warning
        setReturnsCallback(ConfirmedPublisher::returned);
    }

    private static void returned(ReturnedMessage message) {
        // reported by send(), which fails the call
    }

    @Override
    public void send(String exchange, String routingKey, Message message) {
        try {
            if (!declared) {
                endpoint.declareForPublishing();
                declared = true;
            }
            CorrelationData publish = new CorrelationData(UUID.randomUUID().toString());
            super.send(exchange, routingKey, message, publish);
            DeferredConfirms deferred = DeferredConfirms.current();
            if (deferred != null && deferred.defers(this)) { // awaited with others by the caller (a bridge's batch)
                deferred.add(publish, endpoint.getConfirmTimeout());
                return;
            }
            CorrelationData.Confirm confirm = awaitConfirm(publish, exchange, routingKey);
            if (!confirm.isAck()) {
                throw new PublishFailedException("RabbitMQ refused the message to " + where(exchange, routingKey)
                        + " (nack" + (confirm.getReason() == null ? "" : ": " + confirm.getReason()) + ")");
            }
            ReturnedMessage returned = publish.getReturned();
            if (returned != null) {
                throw new PublishFailedException("RabbitMQ could not route the message to " + where(exchange,
                        routingKey) + ": no queue is bound for it (" + returned.getReplyCode() + " "
                        + returned.getReplyText() + ")");
            }
        } catch (AmqpException e) {
            declared = false; // a broker that lost a non-durable exchange gets it declared again on the next try
            throw e;
        }
    }

    /**
     * Camel's producer publishes each message in a scoped {@code invoke} of its own; inside a {@link PublishScope}
     * that already holds this publisher's channel (a bridge's batch) the callback runs on that channel instead, as
     * Spring refuses nested scopes, so every publish of the batch goes over one channel, in order.
     */
    @Override
    public <T> T invoke(OperationsCallback<T> action, com.rabbitmq.client.ConfirmCallback acks,
            com.rabbitmq.client.ConfirmCallback nacks) {
        DeferredConfirms deferred = DeferredConfirms.current();
        if (deferred != null && deferred.inScope(this)) {
            return action.doInRabbit(this);
        }
        return super.invoke(action, acks, nacks);
    }

    /**
     * Camel's producer asks this after each {@link #send}, which has already waited for that publish's own confirm
     * (and failed unless it was an ack of a routed message). The channel's answer would be wrong here: it remembers a
     * nack until someone asks, so the next message on that pooled channel would be taken as refused.
     */
    @Override
    public boolean waitForConfirms(long timeout) {
        return true;
    }

    private CorrelationData.Confirm awaitConfirm(CorrelationData publish, String exchange, String routingKey) {
        long timeout = endpoint.getConfirmTimeout() <= 0 ? Long.MAX_VALUE : endpoint.getConfirmTimeout();
        try {
            return publish.getFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishFailedException("RabbitMQ did not confirm the message to " + where(exchange, routingKey)
                    + " within " + timeout + " ms");
        } catch (ExecutionException e) {
            throw new PublishFailedException("the publish to " + where(exchange, routingKey) + " failed: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for RabbitMQ to confirm the message to "
                    + where(exchange, routingKey));
        }
    }

    private static String where(String exchange, String routingKey) {
        return (exchange == null || exchange.isEmpty() ? "the default exchange" : "exchange '" + exchange + "'")
                + " with routing key '" + routingKey + "'";
    }

    /** A publish the broker did not take: nacked, not confirmed in time, or returned as unroutable. */
    public static final class PublishFailedException extends AmqpException {
        private static final long serialVersionUID = 1L;

        PublishFailedException(String message) {
            super(message);
        }
    }
}
