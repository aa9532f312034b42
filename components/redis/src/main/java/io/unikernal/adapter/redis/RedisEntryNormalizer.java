package io.unikernal.adapter.redis;

import io.unikernal.adapter.redis.streams.RedisStreamsConstants;
import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.udm.UdmHeaders;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a stream entry into a UDM message: the payload field (the body) is parsed as JSON and the envelope is set as
 * for any message from outside ({@link JsonBodyNormalizer}: the source system, the correlation id from the entry's
 * {@value JsonBodyNormalizer#CORRELATION_HEADER} field when well formed, the time). A schema name and version the
 * writer put in the {@code UdmSchema} / {@code UdmSchemaVersion} fields are kept when well formed (a name, a number):
 * they describe the entry, and a route's {@code validate} checks and sets them again. The stream, entry id and group
 * stay as the component's {@code CamelRedisStreams*} headers; other fields are headers of the message. An entry
 * delivered more than {@code maxDeliveries} times fails at once (dead letter, no retry).
 */
public final class RedisEntryNormalizer implements Processor {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}");

    private final JsonBodyNormalizer json;
    private long maxDeliveries = Long.MAX_VALUE;

    public RedisEntryNormalizer(String source) {
        this.json = new JsonBodyNormalizer(source);
    }

    /** Deliveries an entry may have; one delivered more often fails before it is even parsed. */
    public void setMaxDeliveries(long maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Long deliveries = message.getHeader(RedisStreamsConstants.DELIVERY_COUNT, Long.class);
        if (deliveries != null && deliveries > maxDeliveries) {
            // a consumer ended (was killed) each time it held this entry: running it again would end the same way
            throw new MessageRejectedException("the entry was delivered " + deliveries + " times without being"
                    + " finished (maxDeliveries " + maxDeliveries + "): its consumer ended every time it held it, so"
                    + " it is not run again", List.of());
        }
        String schema = message.getHeader(UdmHeaders.SCHEMA, String.class);
        String version = message.getHeader(UdmHeaders.SCHEMA_VERSION, String.class);
        json.process(exchange);
        if (schema != null && SCHEMA_NAME.matcher(schema).matches()) {
            message.setHeader(UdmHeaders.SCHEMA, schema);
            if (version != null && VERSION.matcher(version).matches()) {
                message.setHeader(UdmHeaders.SCHEMA_VERSION, Integer.valueOf(version));
            }
        }
    }
}
