package io.unikernal.etl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.format.ValueText;
import io.unikernal.etl.spi.Field;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What the JSON formats share: one mapper (numbers read exactly) and how a record is written as an object. */
final class JsonValues {

    /** The longest string value accepted: a runaway value must not take the heap. */
    static final int MAX_STRING_CHARS = 16 * 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS)
                    .maxNestingDepth(200).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonValues() {
    }

    /** A value read as a JSON tree: a map is an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static String kind(Object value) {
        return value == null ? "null" : value instanceof List<?> ? "an array" : value instanceof String ? "a string"
                : value instanceof Boolean ? "a boolean" : "a number";
    }

    static void writeObject(JsonGenerator out, List<Field> fields, Object[] values) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < fields.size(); i++) {
            out.writeFieldName(fields.get(i).name());
            Object value = values[i];
            if (value == null) {
                out.writeNull();
            } else if (value instanceof Long || value instanceof Integer) {
                out.writeNumber(((Number) value).longValue());
            } else if (value instanceof Double d) {
                out.writeNumber(d);
            } else if (value instanceof BigDecimal d) {
                out.writeNumber(d);
            } else if (value instanceof Boolean b) {
                out.writeBoolean(b);
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                MAPPER.writeValue(out, value);
            } else {
                out.writeString(ValueText.of(value));
            }
        }
        out.writeEndObject();
    }
}
