package io.unikernal.translate.spi;

import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a REST-exposing translation answers a failure (its route's {@code doCatch}): the kind's status and JSON body for
 * the caught failure, no other header than the status, content type and correlation id (request headers are never
 * echoed), the failure logged with its root cause and the correlation id for the operator, the call counted under its
 * method. Never a Java exception's text in the body: the kind's {@link #answer} chooses the words.
 */
public abstract class RestErrorAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RestErrorAnswer.class);

    /** The status, the protocol's code (for the log) and the body answered. */
    public record Answer(int status, String code, Map<String, Object> body) {
    }

    /** The answer to {@code failure} (the caught exception, possibly null); {@code correlation} may be null. */
    protected abstract Answer answer(Throwable failure, String correlation);

    /** The exchange property naming the method or operation called, for the metrics. */
    protected abstract String methodProperty();

    @Override
    public final void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Answer answer = answer(failure, correlation);
        LOG.warn("translation {} answered {} {} (correlation id {}): {}", exchange.getFromRouteId(), answer.status(),
                answer.code(), correlation, RootCause.message(failure));
        message.getHeaders().clear();
        HttpExposure.envelope(message, answer.status(), correlation, "application/json");
        message.setBody(StrictJson.write(answer.body()));
        TranslationMetrics.record(exchange, exchange.getProperty(methodProperty(), String.class), answer.status());
    }
}
