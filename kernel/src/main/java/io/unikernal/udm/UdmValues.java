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
        return normalize(value, null, null, -1);
    }

    /**
     * The path of a value is only spelled out when a value is refused: building it for every member would cost more
     * than the copy itself. A value is addressed by its parent's path and its key (a map member) or index (a list).
     */
    private record Path(Path parent, String key, int index) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            append(this, s);
            return s.toString();
        }

        private static void append(Path p, StringBuilder s) {
            if (p == null) {
                s.append('$');
                return;
            }
            append(p.parent, s);
            if (p.key != null) {
                s.append('.').append(p.key);
            } else {
                s.append('[').append(p.index).append(']');
            }
        }
    }

    private static Object normalize(Object value, Path parent, String key, int index) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                String path = where(parent, key, index);
                throw new IllegalArgumentException("body " + path + ": non-finite double " + d + " has no JSON form");
            }
            return d;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return normalize(Double.valueOf(f.toString()), parent, key, index);
        }
        if (value instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
        }
        if (value instanceof Map<?, ?> map) {
            Path here = at(parent, key, index);
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("body " + (here == null ? "$" : here) + ": map key '"
                            + e.getKey() + "' is a " + (e.getKey() == null ? "null"
                                    : e.getKey().getClass().getSimpleName()) + ", not a String");
                }
                copy.put(name, normalize(e.getValue(), here, name, -1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            Path here = at(parent, key, index);
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(normalize(list.get(i), here, null, i));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("body " + where(parent, key, index) + ": " + value.getClass().getName()
                + " is not a UDM value (Map, List, String, Long, Double, BigDecimal, Boolean or null)");
    }

    /** The path of a child of {@code parent}; null for the root (no key, no index). */
    private static Path at(Path parent, String key, int index) {
        return key == null && index < 0 ? parent : new Path(parent, key, index);
    }

    private static String where(Path parent, String key, int index) {
        Path p = at(parent, key, index);
        return p == null ? "$" : p.toString();
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
