package io.unikernal.adapter.rabbitmq;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.apache.camel.util.PropertiesHelper;

/**
 * Camel's {@code spring-rabbitmq} component with the delivery guarantees Unikernal promises, registered under the
 * component's own name (the bean {@code spring-rabbitmq}), so routes read {@code spring-rabbitmq:...} as in any Camel
 * app. What differs from the stock component is set here, once:
 * <ul>
 * <li>consumers ack a message only after its route finished ({@link AckAfterRoute}), and a failure that escapes the
 * route is requeued once, then rejected to the queue's dead-letter exchange ({@link RequeueOnce});</li>
 * <li>producers publish with mandatory routing and wait for the broker's confirm of that publish: a nack, a timeout
 * or a message the broker returned as unroutable fails the route's call ({@link ConfirmedPublisher});</li>
 * <li>bodies are JSON ({@link JsonBodyConverter}) and only the UDM envelope travels as AMQP properties
 * ({@link UdmProperties}).</li>
 * </ul>
 */
public class RabbitMqComponent extends SpringRabbitMQComponent {

    /** The scheme and the bean name: Camel finds a component in the registry under its scheme. */
    public static final String NAME = "spring-rabbitmq";

    public RabbitMqComponent() {
        setListenerContainerFactory(new AckAfterRoute());
        setMessagePropertiesConverter(new UdmProperties());
    }

    @Override
    protected void doInit() throws Exception {
        if (getMessageConverter() == null) {
            setMessageConverter(new JsonBodyConverter());
        }
        super.doInit();
    }

    /** As the stock component's, with an endpoint whose producers confirm each publish. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SpringRabbitMQEndpoint endpoint = new ConfirmingEndpoint(uri, this, remaining);
        endpoint.setConnectionFactory(getConnectionFactory());
        endpoint.setTestConnectionOnStartup(isTestConnectionOnStartup());
        endpoint.setMessageConverter(getMessageConverter());
        getMessagePropertiesConverter().setHeaderFilterStrategy(getHeaderFilterStrategy());
        endpoint.setMessagePropertiesConverter(getMessagePropertiesConverter());
        endpoint.setAutoStartup(isAutoStartup());
        endpoint.setAutoDeclare(isAutoDeclare());
        endpoint.setAutoDeclareProducer(isAutoDeclareProducer());
        endpoint.setDeadLetterExchange(getDeadLetterExchange());
        endpoint.setDeadLetterExchangeType(getDeadLetterExchangeType());
        endpoint.setDeadLetterQueue(getDeadLetterQueue());
        endpoint.setDeadLetterRoutingKey(getDeadLetterRoutingKey());
        endpoint.setReplyTimeout(getReplyTimeout());
        endpoint.setPrefetchCount(getPrefetchCount());
        endpoint.setMessageListenerContainerType(getMessageListenerContainerType());
        endpoint.setConcurrentConsumers(getConcurrentConsumers());
        endpoint.setMaxConcurrentConsumers(getMaxConcurrentConsumers());
        endpoint.setAllowNullBody(isAllowNullBody());
        Map<String, Object> args = getArgs() == null ? new HashMap<>() : new HashMap<>(getArgs());
        args.putAll(PropertiesHelper.extractProperties(parameters, SpringRabbitMQEndpoint.ARG_PREFIX));
        endpoint.setArgs(args);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
