package io.unikernal.udm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-like value model of a UDM body: {@code Map<String,Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@code Long}, {@code Double} (finite), {@code BigDecimal}, {@code Boolean} and {@code null}.
 */
public final class UdmValues {
    private UdmValues() {
    }

    /**
     * Returns a deep, unmodifiable copy of {@code value} in the UDM value model. Smaller Java integer types become
     * {@code Long}, {@code Float} becomes {@code Double}, {@code BigInteger} becomes {@code Long} or
     * {@code BigDecimal}; anything else is rejected.
     *
     * @throws IllegalArgumentException naming the JSON path of the first value outside the model
     */
    public static Object normalize(Object value) {
        return normalize(value, "$");
    }

    private static Object normalize(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("body " + path + ": non-finite double " + d + " has no JSON form");
            }
            return d;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return normalize(Double.valueOf(f.toString()), path);
        }
        if (value instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("body " + path + ": map key '" + e.getKey() + "' is a "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()) + ", not a String");
                }
                copy.put(key, normalize(e.getValue(), path + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(normalize(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("body " + path + ": " + value.getClass().getName()
                + " is not a UDM value (Map, List, String, Long, Double, BigDecimal, Boolean or null)");
    }

    /** A deep, mutable copy (LinkedHashMap / ArrayList) of a UDM value, for code that edits a body in place. */
    public static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put((String) k, mutableCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(mutableCopy(v)));
            return copy;
        }
        return value;
    }
}
