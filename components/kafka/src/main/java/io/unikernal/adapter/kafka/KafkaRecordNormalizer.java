package io.unikernal.adapter.kafka;

import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a consumed Kafka record into a UDM message: record headers (bytes) become text, the value is parsed as JSON,
 * and the envelope is set as for any message from outside ({@link JsonBodyNormalizer}: the source system, the
 * correlation id from {@code X-Correlation-Id} when well formed, the time). A schema name and version the producer
 * put in {@code UdmSchema} / {@code UdmSchemaVersion} are kept when well formed (a name, a number): they describe the
 * record, and a route's {@code validate} checks and sets them again. The record's key, topic, partition and offset
 * stay as Camel's {@code kafka.*} headers.
 */
public final class KafkaRecordNormalizer implements Processor {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}");

    private final JsonBodyNormalizer json;

    public KafkaRecordNormalizer(String source) {
        this.json = new JsonBodyNormalizer(source);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if (header.getValue() instanceof byte[] bytes) {
                header.setValue(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        String schema = message.getHeader(KafkaHeaders.SCHEMA, String.class);
        String version = message.getHeader(KafkaHeaders.SCHEMA_VERSION, String.class);
        json.process(exchange);
        if (schema != null && SCHEMA_NAME.matcher(schema).matches()) {
            message.setHeader(UdmHeaders.SCHEMA, schema);
            if (version != null && VERSION.matcher(version).matches()) {
                message.setHeader(UdmHeaders.SCHEMA_VERSION, Integer.valueOf(version));
            }
        }
    }
}
