package io.unikernal.translate.mqtt;

import io.unikernal.runtime.ErrorReplyProcessor;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.RootCause;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that was not published, answered in the kernel's error shape {@code {error, details, correlationId}}: a
 * refused request (415 not JSON, 400 malformed or a path that cannot be a topic, 404, 405) with its own status and
 * words; any other failure is the publish's — the broker unreachable, or no acknowledgement — and 503, so the caller
 * knows to try again. Never a Java exception's text; the failure is logged with its root cause for the operator.
 */
public final class MqttPublishError implements org.apache.camel.Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublishError.class);
    private final ErrorReplyProcessor rejected = new ErrorReplyProcessor();
    private String template;

    public void setTemplate(String template) {
        this.template = template;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message message = exchange.getMessage();
        int status;
        if (failure instanceof MessageRejectedException) {
            rejected.process(exchange);
            status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        } else {
            status = 503;
            String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
            LOG.warn("translation {}: the publish to {} failed (correlation id {}), answered 503: {}",
                    exchange.getFromRouteId(), exchange.getProperty(MqttPublishRequest.TOPIC_PROPERTY),
                    correlation, RootCause.message(failure));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "the MQTT broker could not be reached or did not acknowledge the message; it may not"
                    + " have been published: try again");
            body.put("details", List.of());
            body.put("correlationId", correlation);
            message.setBody(body);
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        }
        TranslationMetrics.record(exchange, template, status);
    }
}
