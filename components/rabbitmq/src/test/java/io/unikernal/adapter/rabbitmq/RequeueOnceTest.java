package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** A failure that escapes the route: requeued the first time, rejected (to the queue's DLX) once redelivered. */
class RequeueOnceTest {

    private static Message delivered(boolean redelivered) {
        MessageProperties properties = new MessageProperties();
        properties.setRedelivered(redelivered);
        properties.setConsumerQueue("orders.in");
        properties.setCorrelationId("corr-1");
        return new Message(new byte[0], properties);
    }

    @Test
    void aFirstDeliveryIsRequeuedAndARedeliveryRejectedWithoutRequeue() {
        RequeueOnce recoverer = new RequeueOnce();
        RuntimeException cause = new IllegalStateException("the app is stopping");
        assertThatThrownBy(() -> recoverer.recover(delivered(false), cause))
                .isInstanceOf(ImmediateRequeueAmqpException.class).hasCause(cause);
        assertThatThrownBy(() -> recoverer.recover(delivered(true), cause))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class).hasCause(cause);
    }
}
