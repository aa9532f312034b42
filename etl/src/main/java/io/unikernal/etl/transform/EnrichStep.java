package io.unikernal.etl.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * {@code enrich: {system: api, with: {path: /score}, fields: [score], key: "id", cache: 10000, ttl: 5m}}: each record
 * is sent (as a JSON object of its fields) to a UDL system through the route the step compiled to — the system's
 * adapter makes the call, as in any route — and the {@code fields} of its JSON reply are added to the record. Replies
 * are kept in a bounded cache by {@code key} (a CEL expression; default the whole record), so equal records are sent
 * once. A call that fails, or a reply that is no JSON object, rejects the record with the reason.
 */
final class EnrichStep implements Step {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String at;
    private final String system;
    private final String endpoint;
    private final ProducerTemplate producer;
    private final List<String> fields;
    private final String key;
    private final BoundedCache<Object, Object[]> cache;
    private RecordView view;
    private List<Field> in;
    private int width;

    EnrichStep(String at, String system, String endpoint, ProducerTemplate producer, List<String> fields, String key,
            int cacheSize, Duration ttl) {
        this.at = at;
        this.system = system;
        this.endpoint = endpoint;
        this.producer = producer;
        this.fields = List.copyOf(fields);
        this.key = key;
        this.cache = new BoundedCache<>(cacheSize, ttl);
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        String step = "enrich at " + at;
        if (key != null) {
            Cel.check(key, in, step + " (its key)", false);
        }
        List<Field> out = new ArrayList<>(in);
        for (String field : fields) {
            if (Step.indexOf(in, field) >= 0) {
                throw new PipelineException(step + ": the records have a field '" + field + "' already; the reply"
                        + " would replace it");
            }
            out.add(new Field(field, FieldType.JSON, true));
        }
        this.in = in;
        this.view = new RecordView(in);
        this.width = out.size();
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue {
        Object cacheKey = key == null ? Arrays.asList(values.clone())
                : Cel.evaluate(key, view.of(values), "enrich at " + at + " (its key)");
        Object[] added = cache.get(cacheKey);
        if (added == null) {
            added = call(values);
            cache.put(cacheKey, added);
        }
        Object[] result = Arrays.copyOf(values, width);
        System.arraycopy(added, 0, result, values.length, added.length);
        out.accept(result);
    }

    private Object[] call(Object[] values) throws BadValue {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            Object v = values[i];
            body.put(in.get(i).name(), v == null || v instanceof String || v instanceof Number
                    || v instanceof Boolean || v instanceof Map || v instanceof List ? v : v.toString());
        }
        Object reply;
        try {
            reply = producer.requestBody(endpoint, body);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BadValue("enrich at " + at + ": the call to system " + system + " failed ("
                    + cause.getClass().getSimpleName() + ")");
        }
        Map<?, ?> answer = asMap(reply);
        Object[] added = new Object[fields.size()];
        for (int i = 0; i < added.length; i++) {
            added[i] = answer.get(fields.get(i));
        }
        return added;
    }

    private Map<?, ?> asMap(Object reply) throws BadValue {
        try {
            Object tree = reply instanceof String text ? JSON.readValue(text, Object.class)
                    : reply instanceof byte[] bytes ? JSON.readValue(bytes, Object.class)
                    : reply instanceof InputStream stream ? JSON.readValue(stream, Object.class) : reply;
            if (tree instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IOException e) {
            // no JSON: said below
        }
        throw new BadValue("enrich at " + at + ": system " + system + " replied with no JSON object");
    }
}
