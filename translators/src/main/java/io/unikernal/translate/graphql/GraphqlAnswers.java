package io.unikernal.translate.graphql;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GraphQL translation's refusal or failure, in both directions, as GraphQL words it: {@code {"errors": [{"message":
 * ..., "extensions": {"details": [...]}}]}} with the refusal's HTTP status (415 another media type, 400 no JSON or no
 * GraphQL request, 404 an unknown operation, ...); anything else is 500 naming only the correlation id, never a Java
 * exception's text (the cause is logged for the operator). Also how an answer is enveloped: status, JSON, the
 * correlation id, no request header echoed.
 */
public final class GraphqlAnswers implements Processor {

    static final String BEAN = "graphql-translation-error";
    /** Exchange property: the metrics' method of the call (an operation of the document, or the GraphQL request). */
    static final String METHOD_PROPERTY = "UnikernalTranslateGraphqlMethod";
    private static final Logger LOG = LoggerFactory.getLogger(GraphqlAnswers.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        MessageRejectedException rejected = rejection(failure);
        int status = rejected != null ? rejected.status() : 500;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", rejected != null ? rejected.getMessage() : "the request could not be processed"
                + (correlation == null ? "" : " (correlation id " + correlation + ")"));
        if (rejected != null && !rejected.details().isEmpty()) {
            error.put("extensions", Map.of("details", rejected.details()));
        }
        LOG.warn("translation {} answered {} (correlation id {}): {}", exchange.getFromRouteId(), status,
                correlation, RootCause.message(failure));
        answer(exchange, status, Map.of("errors", List.of(error)));
    }

    private static MessageRejectedException rejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MessageRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** Ends a GraphQL translation's route: a failure anywhere in its {@code doTry} is answered by this bean. */
    static void finish(HttpExposure.Opened opened, SectionCompilation compilation) {
        compilation.context().addBean(BEAN, GraphqlAnswers.class, Map.of());
        opened.attempt().doCatch(Exception.class).process(BEAN);
        opened.attempt().end();
        compilation.addRoute(opened.route());
    }

    /** Answers {@code body} as JSON with {@code status} and the correlation id, recording the call's metrics. */
    static void answer(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
        }
        message.setBody(body instanceof String text ? text : StrictJson.write(body));
        TranslationMetrics.record(exchange, exchange.getProperty(METHOD_PROPERTY, String.class), status);
    }
}
