package io.unikernal.expr;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between UDM/Java values and the values CEL's runtime understands.
 *
 * <p>Into CEL: {@code Integer/Short/Byte} → int ({@code Long}), {@code Float} and {@code BigDecimal} → double
 * (decimals are approximated: CEL has no decimal type), {@code BigInteger} → int or double, null → {@code null_type},
 * {@code byte[]} → bytes, anything else → its {@code toString()}. Out of CEL: maps → {@code LinkedHashMap}, lists →
 * {@code ArrayList}, null → null, uint → {@code Long} (or {@code BigDecimal} beyond the long range), bytes →
 * {@code byte[]}, timestamp → ISO-8601 string, duration → ISO-8601 duration string.
 */
final class CelValues {
    private CelValues() {
    }

    /** A CEL-ready view of {@code v}; returns {@code v} itself when it needs no conversion (the common case). */
    static Object toCel(Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : bi.doubleValue();
        }
        if (v instanceof Map<?, ?> map) {
            return needsConversion(map.values()) ? convertMap(map) : map;
        }
        if (v instanceof List<?> list) {
            return needsConversion(list) ? convertList(list) : list;
        }
        if (v instanceof byte[] bytes) {
            return ByteString.copyFrom(bytes);
        }
        return v.toString();
    }

    private static boolean needsConversion(Iterable<?> values) {
        for (Object o : values) {
            if (toCel(o) != o) {
                return true;
            }
        }
        return false;
    }

    private static Map<Object, Object> convertMap(Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((k, x) -> out.put(k, toCel(x)));
        return out;
    }

    private static List<Object> convertList(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(x -> out.add(toCel(x)));
        return out;
    }

    /** Converts a CEL result to a plain Java (UDM-style) value. */
    static Object fromCel(Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v == null || v instanceof NullValue) {
            return null;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, x) -> out.put(String.valueOf(fromCel(k)), fromCel(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(fromCel(x)));
            return out;
        }
        if (v instanceof UnsignedLong u) {
            return u.longValue() >= 0 ? (Object) u.longValue() : new BigDecimal(u.bigIntegerValue());
        }
        if (v instanceof ByteString b) {
            return b.toByteArray();
        }
        if (v instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
        }
        if (v instanceof Duration d) {
            return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
        }
        return v;
    }
}
