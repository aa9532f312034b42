package io.unikernal.udl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${env:NAME}}, {@code ${env:NAME:default}} and {@code ${secret:NAME}} references a UDL string may hold.
 * They stay unresolved in the model; the compiler turns them into Camel placeholders. Other {@code ${...}} texts
 * (Camel simple expressions such as {@code ${body}} in a log message) are left alone, but an unterminated
 * {@code ${} or an {@code env}/{@code secret} reference in the wrong form is an error.
 */
public final class References {

    /** A reference's name: a letter or '_' then letters, digits, '_', '.', '-'. */
    public static final String NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
    private static final Pattern ENV = Pattern.compile("env:(" + NAME + ")(:[^}]*)?");
    private static final Pattern SECRET = Pattern.compile("secret:(" + NAME + ")");
    /** A string that is exactly one reference, as a regular expression (used by the JSON Schema too). */
    public static final String WHOLE_REFERENCE_REGEX = "^\\$\\{(env:" + NAME + "(:[^}]*)?|secret:" + NAME + ")\\}$";
    private static final Pattern WHOLE = Pattern.compile(WHOLE_REFERENCE_REGEX);
    private static final Pattern ANY_REFERENCE = Pattern.compile("\\$\\{(env|secret):");

    /** A malformed reference: the text of it, what is wrong, and where it starts in the string. */
    public record Problem(String reference, String problem, int offset) {
    }

    private References() {
    }

    public static boolean isWholeReference(String text) {
        return text != null && WHOLE.matcher(text).matches();
    }

    public static boolean containsReference(String text) {
        return text != null && ANY_REFERENCE.matcher(text).find();
    }

    /** The malformed references in {@code text}, in order. */
    public static List<Problem> problems(String text) {
        List<Problem> problems = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return problems;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                problems.add(new Problem(text.substring(start), "no closing '}'", start));
                return problems;
            }
            String inner = text.substring(start + 2, end);
            String problem = problem(inner);
            if (problem != null) {
                problems.add(new Problem(text.substring(start, end + 1), problem, start));
            }
            from = end + 1;
        }
    }

    private static String problem(String inner) {
        String lower = inner.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("env")) {
            return form(inner, "env", ENV.matcher(inner));
        }
        if (lower.startsWith("secret")) {
            if (inner.startsWith("secret:") && inner.indexOf(':', 7) > 0) {
                return "a secret reference has no default";
            }
            return form(inner, "secret", SECRET.matcher(inner));
        }
        return null; // not ours: e.g. ${body} in a log message
    }

    private static String form(String inner, String kind, Matcher matcher) {
        if (matcher.matches()) {
            return null;
        }
        if (!inner.startsWith(kind + ":")) {
            return "write '" + kind + ":' then the name";
        }
        String name = inner.substring(kind.length() + 1).split(":", 2)[0];
        return name.isEmpty() ? "the name is missing" : "'" + name + "' is not a valid name";
    }
}
