package io.unikernal.rust;

import io.unikernal.routing.Condition;
import io.unikernal.routing.FieldRef;
import io.unikernal.routing.Rule;
import io.unikernal.routing.RuleTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rule tables and messages drawn from small shared pools of names and values, so that
 * conditions actually match (a table over names no message carries would prove little). Bodies
 * include escapes, nesting, duplicate keys, number spellings and, now and then, broken JSON.
 */
final class RandomCases {
    static final String[] HEADERS = {"type", "region", "id", "size", "x-key"};
    static final String[] PATHS = {"a", "b", "amount", "c.d", "c.e", "deep.x.y"};
    static final String[] WORDS = {"", "x", "y", "xy", "order", "ord", "refund", "é", "日本", "a*b", "1", "2.5", "-3", "true", "1e2", "100"};
    static final String[] NUMBERS = {"0", "-0", "1", "2.5", "-3", "100", "1e2", "1.50", "99.99", "1E-2", "12345678901234567890", "-7.25e1"};
    static final String[] GLOBS = {"*", "x*", "*y", "?", "o*r", "*r*", "??", "é*", "*.*", "a\\*b", "r?f*"};

    record Message(Map<String, String> headers, String body) {
    }

    record Case(RuleTable table, List<Message> messages) {
    }

    static Case next(Random r) {
        return new Case(table(r), messages(r, 1 + r.nextInt(6)));
    }

    static RuleTable table(Random r) {
        RuleTable.Builder t = RuleTable.builder();
        int rules = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1, 2, 3 -> 1 + r.nextInt(3);
            case 4, 5, 6, 7 -> 3 + r.nextInt(8);
            default -> 10 + r.nextInt(40);
        };
        for (int i = 0; i < rules; i++) {
            Rule.Builder rule = Rule.builder().priority(r.nextInt(4));
            int conds = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3);
            for (int c = 0; c < conds; c++) {
                rule.when(condition(r));
            }
            int targets = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 1;
            for (int k = 0; k < targets; k++) {
                rule.to("t" + r.nextInt(8), 1 + r.nextInt(r.nextBoolean() ? 3 : 1000));
            }
            t.rule(rule.build());
        }
        if (r.nextBoolean()) {
            t.defaultTarget("fallback");
        }
        if (r.nextInt(3) == 0) {
            t.weightKey(field(r));
        }
        return t.build();
    }

    static FieldRef field(Random r) {
        return r.nextBoolean() ? FieldRef.header(pick(r, HEADERS)) : FieldRef.body(pick(r, PATHS));
    }

    static Condition condition(Random r) {
        FieldRef f = field(r);
        return switch (r.nextInt(5)) {
            case 0 -> Condition.equalTo(f, r.nextBoolean() ? pick(r, WORDS) : pick(r, NUMBERS));
            case 1 -> Condition.prefix(f, prefixOf(r));
            case 2 -> Condition.glob(f, pick(r, GLOBS));
            case 3 -> {
                double a = r.nextInt(4) == 0 ? -r.nextInt(10) : r.nextDouble() * 120 - 10;
                double b = a + (r.nextBoolean() ? r.nextInt(100) : r.nextDouble() * 5);
                yield Condition.between(f, a, b);
            }
            default -> {
                List<String> values = new ArrayList<>();
                int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(20) : r.nextInt(4));
                for (int i = 0; i < n; i++) {
                    values.add(r.nextBoolean() ? pick(r, WORDS) : pick(r, NUMBERS));
                }
                yield Condition.in(f, values);
            }
        };
    }

    private static String prefixOf(Random r) {
        String w = r.nextBoolean() ? pick(r, WORDS) : pick(r, NUMBERS);
        return w.substring(0, r.nextInt(w.length() + 1));
    }

    static List<Message> messages(Random r, int n) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(message(r));
        }
        return out;
    }

    static Message message(Random r) {
        Map<String, String> headers = new LinkedHashMap<>();
        int h = r.nextInt(HEADERS.length + 1);
        for (int i = 0; i < h; i++) {
            headers.put(pick(r, HEADERS), r.nextBoolean() ? pick(r, WORDS) : pick(r, NUMBERS));
        }
        return new Message(headers, body(r));
    }

    static String body(Random r) {
        int mode = r.nextInt(20);
        if (mode == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        int fields = r.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String path = pick(r, PATHS);
            String[] segs = path.split("\\.");
            // nest the path: "c.d" becomes "c":{"d":v}
            for (int s = 0; s < segs.length; s++) {
                sb.append(s == 0 ? "" : "{").append(key(r, segs[s])).append(r.nextBoolean() ? ":" : " : ");
            }
            sb.append(value(r, 0));
            sb.append("}".repeat(segs.length - 1));
        }
        sb.append('}');
        String body = sb.toString();
        if (mode == 1 && !body.isEmpty()) { // break it
            int cut = r.nextInt(body.length());
            body = body.substring(0, cut) + (r.nextBoolean() ? "" : "\u0001") ;
        }
        return body;
    }

    private static String key(Random r, String seg) {
        if (r.nextInt(15) == 0) { // an escaped spelling of the same key
            return "\"\\u" + String.format("%04x", (int) seg.charAt(0)) + seg.substring(1) + "\"";
        }
        return "\"" + seg + "\"";
    }

    static String value(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 6 : 9)) {
            case 0, 1 -> "\"" + escape(r, pick(r, WORDS)) + "\"";
            case 2, 3 -> pick(r, NUMBERS);
            case 4 -> r.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> "[" + value(r, depth + 1) + "," + value(r, depth + 1) + "]";
            case 7 -> "{\"x\":" + value(r, depth + 1) + ",\"y\":" + value(r, depth + 1) + "}";
            default -> "\"" + pick(r, NUMBERS) + "\"";
        };
    }

    private static String escape(Random r, String w) {
        if (w.isEmpty() || r.nextInt(6) != 0) {
            return w.replace("\\", "\\\\");
        }
        StringBuilder sb = new StringBuilder();
        for (char c : w.toCharArray()) {
            if (r.nextBoolean()) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
        }
        if (r.nextInt(10) == 0) {
            sb.append(r.nextBoolean() ? "\\ud83d\\ude00" : "\\ud800"); // a pair, or a lone surrogate
        }
        return sb.toString();
    }

    static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private RandomCases() {
    }
}
