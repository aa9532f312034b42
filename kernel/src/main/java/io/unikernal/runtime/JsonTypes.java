package io.unikernal.runtime;

import java.util.List;
import java.util.Map;

/** Names a payload value by its JSON type ("an array", "a string"), the words a caller knows; never a Java class. */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List || value instanceof Object[]) {
            return "an array";
        }
        if (value instanceof CharSequence) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a value that is not JSON";
    }
}
