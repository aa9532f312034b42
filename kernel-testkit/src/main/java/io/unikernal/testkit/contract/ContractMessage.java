package io.unikernal.testkit.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message the suite sends: a unique {@code id} and a number {@code n} (the fields a table or a schema can take),
 * a note with characters a careless encoder breaks, and a correlation id. Bodies are JSON objects.
 */
public record ContractMessage(String id, int n, String correlationId) {

    /** Text that survives only a faithful round trip: non-ASCII, quotes, markup. */
    public static final String NOTE = "ünïcödé \"quoted\" & <tagged> ✓";

    /** The body: {@code {id, n, note}}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("n", n);
        body.put("note", NOTE);
        return body;
    }

    /** The body as JSON text. */
    public String json() {
        return io.unikernal.runtime.StrictJson.write(body());
    }

    /** {@code count} messages whose ids start with {@code prefix}, numbered from 1. */
    public static List<ContractMessage> batch(String prefix, int count) {
        List<ContractMessage> batch = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            batch.add(new ContractMessage(prefix + "-" + i, i, "corr-" + prefix + "-" + i));
        }
        return batch;
    }

    public static ContractMessage one(String prefix) {
        return batch(prefix, 1).get(0);
    }
}
