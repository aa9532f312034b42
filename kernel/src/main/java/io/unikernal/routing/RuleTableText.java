package io.unikernal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-line text form of a rule table, as used in {@code rust:route?rules=RAW(...)}:
 *
 * <pre>
 * table   := item (';' item)*
 * item    := 'when' cond ('and' cond)* 'then' targets ['priority' INT]
 *          | 'always' 'then' targets ['priority' INT]
 *          | 'otherwise' NAME
 *          | 'weightKey' FIELD
 * targets := NAME[':'WEIGHT] (',' NAME[':'WEIGHT])*
 * cond    := FIELD '==' VALUE | FIELD 'startsWith' VALUE | FIELD 'glob' VALUE
 *          | FIELD 'in' MIN..MAX | FIELD 'in' '{' VALUE (',' VALUE)* '}'
 * FIELD   := header.NAME | body.a.b
 * VALUE   := "quoted, with \" and \\" | bareword
 * </pre>
 *
 * Example: {@code when header.type == order and body.amount in 1000..1e9 then review; otherwise db}.
 */
public final class RuleTableText {
    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int pos;

    private RuleTableText(String text) {
        tokenize(text);
    }

    /** The text form of a table, the one {@link #parse} reads back. */
    public static String format(RuleTable table) {
        List<String> items = new ArrayList<>();
        for (Rule rule : table.rules()) {
            List<String> conditions = rule.conditions().stream().map(Condition::toString).toList();
            String targets = String.join(", ", rule.targets().stream()
                    .map(t -> rule.targets().size() == 1 ? t.target() : t.target() + ":" + t.weight()).toList());
            items.add((conditions.isEmpty() ? "always" : "when " + String.join(" and ", conditions)) + " then "
                    + targets);
        }
        if (table.defaultTarget() >= 0) {
            items.add("otherwise " + table.targets().get(table.defaultTarget()));
        }
        if (table.weightKey() != null) {
            items.add("weightKey " + table.weightKey());
        }
        return String.join("; ", items);
    }

    /** The text as a raw endpoint-URI value: {@code RAW(...)}, or {@code RAW{...}} when the text holds a ')'. */
    public static String rawUriValue(String text) {
        return text.contains(")") ? "RAW{" + text + "}" : "RAW(" + text + ")";
    }

    /** False for a text that would close both forms of {@link #rawUriValue}: it cannot travel in a URI. */
    public static boolean fitsRawUriValue(String text) {
        return !(text.contains(")") && text.contains("}"));
    }

    public static RuleTable parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("rules are empty");
        }
        return new RuleTableText(text).table();
    }

    private RuleTable table() {
        RuleTable.Builder table = RuleTable.builder();
        while (pos < tokens.size()) {
            if (peekIs(";")) {
                pos++;
                continue;
            }
            String head = next("'when', 'always', 'otherwise' or 'weightKey'");
            switch (head) {
                case "when", "always" -> table.rule(rule(head.equals("when")));
                case "otherwise" -> table.defaultTarget(next("a target name"));
                case "weightKey" -> table.weightKey(FieldRef.parse(next("a field")));
                default -> throw error("expected 'when', 'always', 'otherwise' or 'weightKey' but found '" + head + "'");
            }
            if (pos < tokens.size() && !peekIs(";")) {
                throw error("expected ';' but found '" + tokens.get(pos) + "'");
            }
        }
        return table.build();
    }

    private Rule rule(boolean hasConditions) {
        Rule.Builder rule = Rule.builder();
        if (hasConditions) {
            rule.when(condition());
            while (peekIs("and")) {
                pos++;
                rule.when(condition());
            }
        }
        expect("then");
        do {
            String t = next("a target name");
            int colon = t.lastIndexOf(':');
            if (colon > 0) {
                rule.to(t.substring(0, colon), integer(t.substring(colon + 1), "weight"));
            } else {
                rule.to(t);
            }
        } while (acceptComma());
        if (peekIs("priority")) {
            pos++;
            rule.priority(integer(next("a priority"), "priority"));
        }
        return rule.build();
    }

    private Condition condition() {
        FieldRef field = FieldRef.parse(next("a field such as header.type or body.amount"));
        String op = next("an operator (==, startsWith, glob, in)");
        switch (op) {
            case "==":
                return Condition.equalTo(field, value());
            case "startsWith":
                return Condition.prefix(field, value());
            case "glob":
                return Condition.glob(field, value());
            case "in":
                if (peekIs("{") && !quoted.get(pos)) {
                    pos++;
                    List<String> values = new ArrayList<>();
                    values.add(value());
                    while (acceptComma()) {
                        values.add(value());
                    }
                    expect("}");
                    return Condition.in(field, values);
                }
                String range = next("a range MIN..MAX or a set {a, b}");
                int dots = range.indexOf("..");
                if (dots < 0) {
                    throw error("expected a range MIN..MAX or a set {a, b} but found '" + range + "'");
                }
                return Condition.between(field, number(range.substring(0, dots)), number(range.substring(dots + 2)));
            default:
                throw error("unknown operator '" + op + "'; expected ==, startsWith, glob or in");
        }
    }

    private String value() {
        return next("a value");
    }

    private boolean acceptComma() {
        if (peekIs(",")) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekIs(String s) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equals(s);
    }

    private void expect(String s) {
        String t = next("'" + s + "'");
        if (!t.equals(s)) {
            throw error("expected '" + s + "' but found '" + t + "'");
        }
    }

    private String next(String what) {
        if (pos >= tokens.size()) {
            throw error("expected " + what + " but the rules ended");
        }
        return tokens.get(pos++);
    }

    private int integer(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(what + " '" + s + "' is not an integer");
        }
    }

    private double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error("'" + s + "' is not a number");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("rules, token " + pos + ": " + message);
    }

    private void tokenize(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' || c == ',' || c == '{' || c == '}') {
                add(String.valueOf(c), false);
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("rules: unterminated quoted value '" + sb + "'");
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        break;
                    }
                    if (q == '\\' && i < text.length()) {
                        q = text.charAt(i++);
                    }
                    sb.append(q);
                }
                add(sb.toString(), true);
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ";,{}\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                add(text.substring(start, i), false);
            }
        }
    }

    private void add(String token, boolean isQuoted) {
        tokens.add(token);
        quoted.add(isQuoted);
    }
}
