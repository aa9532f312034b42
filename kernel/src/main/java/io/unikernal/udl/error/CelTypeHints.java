package io.unikernal.udl.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns CEL's type errors ("found no matching overload for '_>_' applied to '(double, string)'") into a hint a UDL
 * author can act on: which operator, what the two sides are, and how to write it instead. CEL never converts between
 * types, so most of these are a quoted number or boolean, or text joined to a number.
 */
final class CelTypeHints {

    private static final Pattern NO_OVERLOAD = Pattern.compile("no matching overload for '([^']+)' applied to '\\((.*)\\)'");
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("_<_", "<"), Map.entry("_<=_", "<="),
            Map.entry("_>_", ">"), Map.entry("_>=_", ">="), Map.entry("_==_", "=="), Map.entry("_!=_", "!="),
            Map.entry("_+_", "+"), Map.entry("_-_", "-"), Map.entry("_*_", "*"), Map.entry("_/_", "/"),
            Map.entry("_%_", "%"), Map.entry("_&&_", "&&"), Map.entry("_||_", "||"), Map.entry("!_", "!"),
            Map.entry("-_", "-"), Map.entry("_[_]", "[...]"), Map.entry("@in", "in"), Map.entry("_?_:_", "?:"));
    private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");
    private static final Set<String> NUMBERS = Set.of("int", "uint", "double");

    private CelTypeHints() {
    }

    /** A hint for CEL's type error message, or null when there is nothing better to say than the message. */
    static String hint(String celMessage) {
        Matcher m = NO_OVERLOAD.matcher(celMessage);
        if (!m.find()) {
            return null;
        }
        String function = m.group(1);
        String op = OPERATORS.get(function);
        List<String> types = splitTopLevel(m.group(2));
        if (op == null) {
            return "'" + function + "' does not take " + String.join(" and ", types.stream().map(CelTypeHints::noun)
                    .toList()) + "; convert the argument with int(x), double(x) or string(x)";
        }
        if (types.size() != 2) {
            return "'" + op + "' does not apply to " + (types.isEmpty() ? "that" : noun(types.get(0)))
                    + (op.equals("!") ? "; '!' negates a boolean, e.g. !(amount > 0)" : "");
        }
        String a = types.get(0);
        String b = types.get(1);
        boolean numberAndString = isNumber(a) && b.equals("string") || a.equals("string") && isNumber(b);
        boolean boolAndString = a.equals("bool") && b.equals("string") || a.equals("string") && b.equals("bool");
        if (op.equals("&&") || op.equals("||")) {
            return "'" + op + "' joins two conditions (booleans), not " + noun(a) + " and " + noun(b)
                    + ": compare first, e.g. amount > 0 && status == 'new'";
        }
        if (numberAndString && COMPARISONS.contains(op)) {
            return "comparing a number with a string: CEL does not convert between them; write the number without "
                    + "quotes (18, not '18'), or convert with double(x) or string(x)";
        }
        if (numberAndString && op.equals("+")) {
            return "'+' joins two strings or adds two numbers, not a string and a number: write string(x) to join "
                    + "a number to text, or double(x) to add text that holds a number";
        }
        if (boolAndString && COMPARISONS.contains(op)) {
            return "comparing a boolean with a string: write true or false without quotes";
        }
        if (isNumber(a) && isNumber(b) && !a.equals(b)) {
            return "'" + op + "' on " + a + " and " + b + ": arithmetic needs one number type, write 2.0 instead of 2"
                    + " or convert with double(x)";
        }
        return "'" + op + "' does not apply to " + noun(a) + " and " + noun(b) + ": CEL does not convert between "
                + "types; convert one side with int(x), double(x) or string(x)";
    }

    private static boolean isNumber(String type) {
        return NUMBERS.contains(type);
    }

    private static String noun(String type) {
        return switch (type) {
            case "int", "uint" -> "a whole number (" + type + ")";
            case "double" -> "a number (double)";
            case "string" -> "a string";
            case "bool" -> "a boolean";
            case "null_type" -> "null";
            default -> type.startsWith("map") ? "a map" : type.startsWith("list") ? "a list" : type;
        };
    }

    /** "map(string, dyn), int" → [map(string, dyn), int]. */
    private static List<String> splitTopLevel(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!args.isBlank()) {
            out.add(args.substring(start).trim());
        }
        return out;
    }
}
