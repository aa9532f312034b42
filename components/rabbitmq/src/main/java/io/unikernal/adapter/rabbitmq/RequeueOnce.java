package io.unikernal.adapter.rabbitmq;

import io.unikernal.runtime.RootCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * What becomes of a message whose failure escaped its route — the route's dead letter and error log take every
 * failure of its steps, so this is a route that could not finish at all (the app stopping mid-message). The first
 * time the message is put back on its queue, to be delivered again; a message the broker had delivered before
 * ({@code redelivered}) is rejected without requeue, so the broker moves it to the queue's dead-letter exchange when
 * the queue has one (the source's {@code deadLetterExchange}). Nothing circles the queue forever.
 */
public final class RequeueOnce implements MessageRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger("unikernal.rabbitmq");

    @Override
    public void recover(Message message, Throwable cause) {
        String queue = message.getMessageProperties().getConsumerQueue();
        String id = message.getMessageProperties().getCorrelationId();
        if (Boolean.TRUE.equals(message.getMessageProperties().getRedelivered())) {
            LOG.error("a message from queue {} (correlation id {}) failed again after it was delivered once more:"
                    + " rejected without requeue (to the queue's dead-letter exchange, if it has one): {}", queue, id,
                    RootCause.message(cause));
            throw new AmqpRejectAndDontRequeueException("failed again after a redelivery", cause);
        }
        LOG.warn("a message from queue {} (correlation id {}) could not finish its route: requeued once: {}", queue,
                id, RootCause.message(cause));
        throw new ImmediateRequeueAmqpException("requeued once", cause);
    }
}
