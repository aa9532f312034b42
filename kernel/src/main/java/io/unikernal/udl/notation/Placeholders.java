package io.unikernal.udl.notation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns UDL references into Camel property placeholders so they are resolved at run time, inside Camel, and never
 * written into compiled files: {@code ${env:NAME:default}} → {@code {{env:NAME:default}}}, {@code ${secret:NAME}} →
 * {@code {{secret:NAME}}} (the {@code secret} properties function ships with the kernel).
 */
public final class Placeholders {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|secret):([^}]*)}");

    private Placeholders() {
    }

    public static String toCamel(String udlText) {
        if (udlText == null || !udlText.contains("${")) {
            return udlText;
        }
        Matcher m = REFERENCE.matcher(udlText);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("{{" + m.group(1) + ":" + m.group(2) + "}}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the {@code ${env:NAME}} / {@code ${env:NAME:default}} references in the text, in order. */
    public static java.util.List<String> envNames(String udlText) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (udlText == null || !udlText.contains("${")) {
            return names;
        }
        Matcher m = REFERENCE.matcher(udlText);
        while (m.find()) {
            if (m.group(1).equals("env")) {
                names.add(m.group(2).split(":", 2)[0]);
            }
        }
        return names;
    }

    /** True when the text holds a reference, so its value is not known until run time. */
    public static boolean hasReference(String udlText) {
        return udlText != null && REFERENCE.matcher(udlText).find();
    }
}
