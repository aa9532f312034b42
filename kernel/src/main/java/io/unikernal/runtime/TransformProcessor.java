package io.unikernal.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A {@code transform:} step on a JSON object body: rename, then set (in order; each expression sees the fields set
 * before it), then remove. The body is copied, never changed in place, because a fan-out may share it.
 */
public final class TransformProcessor implements Processor {

    private TransformSpec spec;
    private volatile List<Map.Entry<String, Expression>> compiled;

    /** The step as {@link TransformSpec} JSON (a bean property, so compiled YAML can set it). */
    public void setSpec(String specJson) {
        this.spec = StrictJson.read(specJson, TransformSpec.class);
        this.compiled = null;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (!(body instanceof Map<?, ?> fields)) {
            throw new MessageRejectedException("transform needs a JSON object body",
                    List.of("the body is " + (body == null ? "empty" : JsonTypes.describe(body))));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        fields.forEach((k, v) -> result.put(String.valueOf(k), v));
        spec.rename().forEach((from, to) -> {
            if (result.containsKey(from)) {
                result.put(to, result.remove(from));
            }
        });
        message.setBody(result);
        for (Map.Entry<String, Expression> set : expressions(exchange)) {
            Object value = set.getValue().evaluate(exchange, Object.class);
            result.put(set.getKey(), value);
        }
        spec.remove().forEach(result::remove);
    }

    private List<Map.Entry<String, Expression>> expressions(Exchange exchange) {
        List<Map.Entry<String, Expression>> list = compiled;
        if (list == null) {
            list = new ArrayList<>();
            for (Map.Entry<String, String> e : spec.set().entrySet()) {
                list.add(Map.entry(e.getKey(), CelExpressionsCache.compile(exchange.getContext(), e.getValue())));
            }
            compiled = list;
        }
        return list;
    }
}
