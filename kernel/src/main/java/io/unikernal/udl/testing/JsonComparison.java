package io.unikernal.udl.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares JSON-like values the way a person reads JSON: numbers by value (1, 1.0 and 1.00 are equal), maps by key
 * regardless of order, lists in order. Returns the differences with their paths, empty when equal.
 */
public final class JsonComparison {

    private JsonComparison() {
    }

    public static List<String> differences(Object expected, Object actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Number e && actual instanceof Number a) {
            if (new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) != 0) {
                out.add(path + ": expected " + e + " but was " + a);
            }
        } else if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                if (!a.containsKey(entry.getKey())) {
                    out.add(path + "." + entry.getKey() + ": missing (expected " + entry.getValue() + ")");
                } else {
                    compare(path + "." + entry.getKey(), entry.getValue(), a.get(entry.getKey()), out);
                }
            }
            for (Object key : a.keySet()) {
                if (!e.containsKey(key)) {
                    out.add(path + "." + key + ": unexpected (was " + a.get(key) + ")");
                }
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                out.add(path + ": expected " + e.size() + " elements but was " + a.size() + " " + a);
                return;
            }
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object item : e) {
                compare(path + "[" + i++ + "]", item, ai.next(), out);
            }
        } else if (!Objects.equals(expected, actual)) {
            out.add(path + ": expected " + expected + " but was " + actual);
        }
    }
}
