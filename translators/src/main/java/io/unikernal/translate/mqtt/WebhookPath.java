package io.unikernal.translate.mqtt;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook's path template: literal text with placeholders — {@code {topic}}, every level of the message's topic,
 * and {@code {1}}, {@code {2}}, ..., what the filter's first, second, ... wildcard matched ({@code +} one level,
 * {@code #} the rest of the topic). Each level is one percent-encoded path segment ({@link TopicLevels}).
 */
final class WebhookPath {

    static final String TOPIC = "topic";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** The literal text between placeholders: a path, nothing that starts a query or fragment, no braces. */
    private static final Pattern LITERAL = Pattern.compile("[^?#\\s{}]*");

    private WebhookPath() {
    }

    /** Why the template cannot be used with this filter, or null when it can. */
    static String problem(String template, String filter) {
        if (!template.startsWith("/")) {
            return "path '" + template + "' does not start with '/'";
        }
        int wildcards = filter == null ? 0 : TopicLevels.wildcardCount(filter);
        Matcher m = PLACEHOLDER.matcher(template);
        int end = 0;
        while (m.find()) {
            if (!LITERAL.matcher(template.substring(end, m.start())).matches()) {
                return "path '" + template + "' holds '?', '#', a space or a brace outside a placeholder";
            }
            String name = m.group(1);
            if (!name.equals(TOPIC)) {
                if (!name.matches("[1-9][0-9]{0,2}")) {
                    return "path '" + template + "' has the placeholder {" + name + "}; it can have {topic} and"
                            + " {1}, {2}, ... (what the filter's wildcards matched)";
                }
                if (Integer.parseInt(name) > wildcards) {
                    return "path '" + template + "' has the placeholder {" + name + "}, but the topic filter '"
                            + filter + "' has " + wildcards + " wildcard" + (wildcards == 1 ? "" : "s");
                }
            }
            end = m.end();
        }
        if (!LITERAL.matcher(template.substring(end)).matches()) {
            return "path '" + template + "' holds '?', '#', a space or a brace outside a placeholder";
        }
        return null;
    }

    /** The path for one message whose topic the filter matched; the template was checked with {@link #problem}. */
    static String render(String template, String filter, String topic) {
        List<List<String>> matched = TopicLevels.wildcards(filter, topic);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(TOPIC) ? TopicLevels.encode(TopicLevels.of(topic))
                    : TopicLevels.encode(matched.get(Integer.parseInt(name) - 1));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
