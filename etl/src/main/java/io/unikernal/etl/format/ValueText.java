package io.unikernal.etl.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The canonical text of a typed value, as text formats (CSV) write it and as a text field receives a typed value:
 * numbers without grouping, decimals without exponent, ISO-8601 dates and times, bytes in base64, JSON trees as JSON.
 */
public final class ValueText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a JSON tree that Jackson cannot write: " + e.getOriginalMessage(), e);
            }
        }
        return value.toString();
    }
}
