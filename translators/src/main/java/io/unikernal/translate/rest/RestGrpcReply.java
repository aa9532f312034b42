package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The reply of a translated call as the HTTP response: 200 with its proto3 JSON (a server stream's messages as
 * newline-delimited JSON, one per line), the reply's metadata as {@code Grpc-Metadata-<key>} headers (grpc-gateway's
 * convention), {@code X-Correlation-Id}; no other header, so request headers are never echoed.
 */
public final class RestGrpcReply implements org.apache.camel.Processor {

    static final String BEAN = "rest-grpc-reply";
    static final String NDJSON = "application/x-ndjson";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        boolean streaming = exchange.getProperty(RestGrpcRequest.STREAMING_PROPERTY, false, Boolean.class);
        Object body = responseField(message.getBody(), exchange.getProperty(RestGrpcRequest.RESPONSE_FIELD_PROPERTY,
                String.class));
        Map<String, Object> metadata = new LinkedHashMap<>();
        var forwarded = RestGrpcHeaderFilter.forwarded(exchange);
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.startsWith("Camel") && !UdmHeaders.isKernelOwned(name) && !forwarded.contains(lower)
                    && !lower.equals(GrpcDynamicConstants.CORRELATION_ID)) {
                metadata.put("Grpc-Metadata-" + lower, header.getValue());
            }
        }
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        message.getHeaders().clear();
        message.getHeaders().putAll(metadata);
        HttpExposure.envelope(message, 200, correlation, streaming ? NDJSON : "application/json");
        message.setBody(streaming ? lines(body) : json(body));
        TranslationMetrics.record(exchange, exchange.getProperty(RestToGrpc.METHOD_PROPERTY, String.class), 200);
    }

    /** The reply's field a binding's {@code response_body} names, or the reply. */
    private static Object responseField(Object reply, String field) {
        if (field == null || field.isEmpty()) {
            return reply;
        }
        Map<?, ?> fields = reply instanceof String text ? StrictJson.read(text, Map.class) : (Map<?, ?>) reply;
        return fields.get(field);
    }

    private static String json(Object body) {
        return body instanceof String text ? text : StrictJson.write(body);
    }

    /** A stream's replies, a list of maps or the JSON array of their texts, one JSON document per line. */
    private static String lines(Object body) {
        List<?> replies = body instanceof String text ? StrictJson.read(text, List.class)
                : body instanceof List<?> list ? list : List.of(body);
        StringBuilder out = new StringBuilder();
        for (Object reply : replies) {
            out.append(json(reply)).append('\n');
        }
        return out.toString();
    }
}
