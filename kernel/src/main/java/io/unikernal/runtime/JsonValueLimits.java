package io.unikernal.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers a message may hold, whatever its schema: at most {@value #MAX_INTEGER_DIGITS} digits before the
 * decimal point (so every number is also a finite double, for CEL) and at most {@value #MAX_FRACTION_DIGITS} after
 * it (PostgreSQL's numeric holds 16383; BigDecimal arithmetic on larger scales is a denial of service). Ordinary
 * exponent forms such as {@code 1e3} or {@code 2.5E2} are within them; {@code 1e999999} and {@code 1e-999999} are
 * not. Strings must be Unicode text without U+0000: a lone surrogate ({@code "\ud800"}) would reach a target as
 * {@code ?}, and PostgreSQL text cannot hold U+0000. Values are checked as parsed, so none of these ever reaches a
 * step or a target.
 */
public final class JsonValueLimits {

    public static final int MAX_INTEGER_DIGITS = 308;
    public static final int MAX_FRACTION_DIGITS = 1000;
    private static final int SHOWN = 40;
    private static final BigDecimal LARGEST = BigDecimal.ONE.scaleByPowerOfTen(MAX_INTEGER_DIGITS);

    private JsonValueLimits() {
    }

    /** Refuses a payload with a number outside the limits, naming each such field, its value and the limit. */
    public static void check(Object payload) {
        List<String> problems = new ArrayList<>();
        walk(payload, "", problems);
        if (!problems.isEmpty()) {
            throw new MessageRejectedException("the body has a value outside the supported range", problems);
        }
    }

    private static void walk(Object value, String path, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> check(String.valueOf(key), (path.isEmpty() ? "" : path + ".") + "(key)", problems));
            map.forEach((key, member) -> walk(member, path.isEmpty() ? String.valueOf(key) : path + "." + key,
                    problems));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", problems);
            }
        } else if (value instanceof String text) {
            check(text, path, problems);
        } else if (value instanceof BigDecimal decimal) {
            check(decimal, path, problems);
        } else if (value instanceof BigInteger integer) {
            check(new BigDecimal(integer), path, problems);
        }
    }

    private static void check(BigDecimal value, String path, List<String> problems) {
        // precision - scale: the digits before the point (1e308 has 309; 0e400 counts as 401, an absurd zero)
        long integerDigits = (long) value.precision() - value.scale();
        boolean tooLarge = integerDigits > MAX_INTEGER_DIGITS + 1L
                || integerDigits == MAX_INTEGER_DIGITS + 1L && value.abs().compareTo(LARGEST) > 0;
        if (tooLarge || value.scale() > MAX_FRACTION_DIGITS) {
            problems.add((path.isEmpty() ? "body" : path) + ": " + shorten(value)
                    + " is outside the supported range: a number may have up to " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point (|n| <= 1e308) and up to " + MAX_FRACTION_DIGITS + " after it");
        }
    }

    private static void check(String text, String path, List<String> problems) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= text.length()
                    || !Character.isLowSurrogate(text.charAt(++i)) : Character.isLowSurrogate(c);
            if (c == 0 || lone) {
                problems.add((path.isEmpty() ? "body" : path) + ": a string may not hold "
                        + (c == 0 ? "U+0000" : "a lone surrogate (\\ud800-\\udfff without its pair)"));
                return;
            }
        }
    }

    private static String shorten(BigDecimal value) {
        String text = value.toString(); // scientific notation: short for the extreme values
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
