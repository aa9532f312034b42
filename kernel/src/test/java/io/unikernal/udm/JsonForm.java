package io.unikernal.udm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a body looks like after a JSON round trip: JSON has one number type, so a Double comes back as the
 * BigDecimal of its shortest decimal text.
 */
final class JsonForm {
    private JsonForm() {
    }

    static Object of(Object v) {
        if (v instanceof Double d) {
            return new BigDecimal(Double.toString(d));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, of(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(of(x)));
            return out;
        }
        return v;
    }
}
