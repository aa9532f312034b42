package io.unikernal.udl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code log} step's text (and any other UDL text that Camel reads as a simple template, such as the
 * {@code file} adapter's {@code fileName}) may reach. The text is a Camel simple template, but only these functions are
 * allowed, because the log masking can only hide values it knows (registered secrets, credential-like keys): the
 * message ({@code ${body}}, {@code ${bodyOneLine}}, {@code ${prettyBody}}), its headers ({@code ${headers}}, where
 * credential values are masked by key, and {@code ${header.NAME}} for a header that is not a credential), the
 * exchange's identity ({@code ${routeId}}, {@code ${exchangeId}}, {@code ${id}}, {@code ${messageTimestamp}},
 * {@code ${date:now...}}, {@code ${exception.message}}), and UDL references ({@code ${env:NAME}},
 * {@code ${secret:NAME}}: resolved at start-up, registered and masked when secret). Everything else — the process
 * environment and system properties ({@code ${sysenv.X}}, {@code ${sys.X}}), the app's properties
 * ({@code {{...}}}, {@code ${properties:...}}), beans, the Camel context, nested expressions — is refused.
 */
public final class LogTemplates {

    /** The functions allowed, as a hint. */
    public static final String ALLOWED = "${body}, ${headers}, ${header.NAME}, ${routeId}, ${exchangeId}, "
            + "${date:now:FORMAT}, ${exception.message}, ${env:NAME}";

    private static final Pattern IDENTITY = Pattern.compile("body|bodyOneLine|prettyBody|headers|routeId|fromRouteId"
            + "|exchangeId|id|messageTimestamp|exception\\.message|date:now(:.*)?");
    private static final Pattern HEADER = Pattern.compile(
            "(?:in\\.)?headers?(?:[.:]([A-Za-z0-9_.-]+)|\\[['\"]?([A-Za-z0-9_.-]+)['\"]?])");

    /** A function the log step may not use: its text, why, what to write instead, where it starts in the text. */
    public record Refusal(String function, String reason, String hint, int offset) {
    }

    private static final String ENV_HINT = "write ${env:NAME} (resolved at start-up, masked when the name says it is "
            + "secret) or leave it out";
    private static final String ALLOWED_HINT = "allowed here: " + ALLOWED;

    private LogTemplates() {
    }

    /** The refused functions of a log text; {@code credentialHeader} says which header names hold credentials. */
    public static List<Refusal> refusals(String text, Predicate<String> credentialHeader) {
        List<Refusal> refusals = new ArrayList<>();
        placeholders(text, refusals);
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            int simple = text.indexOf("$simple{", from);
            if (simple >= 0 && (start < 0 || simple < start)) {
                int end = closing(text, simple + 8);
                refusals.add(new Refusal(text.substring(simple, end), "is Camel's other expression syntax, which "
                        + "this check cannot see into", "write ${...}: " + ALLOWED_HINT, simple));
                from = end;
                continue;
            }
            if (start < 0) {
                return refusals;
            }
            int end = closing(text, start + 2);
            String inner = text.substring(start + 2, Math.max(start + 2, end - 1)).strip();
            String[] reason = reason(inner, credentialHeader);
            if (reason != null) {
                refusals.add(new Refusal(text.substring(start, end), reason[0], reason[1], start));
            }
            from = end;
        }
    }

    private static void placeholders(String text, List<Refusal> refusals) {
        int at = text.indexOf("{{");
        while (at >= 0) {
            int end = text.indexOf("}}", at);
            end = end < 0 ? text.length() : end + 2;
            refusals.add(new Refusal(text.substring(at, end), "reads the app's configuration and environment as a "
                    + "Camel property placeholder", ENV_HINT, at));
            at = text.indexOf("{{", end);
        }
    }

    /** The index after the '}' that closes the expression opened before {@code from} (nested braces counted). */
    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    /** Why the function is refused and what to write instead; null when it is allowed. */
    private static String[] reason(String inner, Predicate<String> credentialHeader) {
        if (inner.contains("{")) {
            return new String[] {"computes what it reads from another expression", ALLOWED_HINT};
        }
        String lower = inner.toLowerCase(Locale.ROOT);
        if (lower.startsWith("env") || lower.startsWith("secret")) {
            return null; // a UDL reference; a malformed one is reported as such (UDL-032)
        }
        if (IDENTITY.matcher(inner).matches()) {
            return null;
        }
        Matcher header = HEADER.matcher(inner);
        if (header.matches()) {
            String name = header.group(1) != null ? header.group(1) : header.group(2);
            return credentialHeader.test(name) ? new String[] {"prints the caller's credential header '" + name + "'",
                "log ${headers} (credential values are masked there) or a header that is not a credential"} : null;
        }
        if (lower.startsWith("sysenv")) {
            return new String[] {"reads the process environment around the secret masking", ENV_HINT};
        }
        if (lower.startsWith("sys")) {
            return new String[] {"reads the JVM's system properties", ENV_HINT};
        }
        if (lower.startsWith("properties")) {
            return new String[] {"reads the app's properties, which hold resolved secrets", ENV_HINT};
        }
        return new String[] {"is not one of the functions allowed here", ALLOWED_HINT};
    }
}
