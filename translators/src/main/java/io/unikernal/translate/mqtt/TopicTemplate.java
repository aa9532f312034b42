package io.unikernal.translate.mqtt;

import io.unikernal.runtime.MessageRejectedException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topic an HTTP request publishes to, from the translation's template and the request path under the
 * translation's: {@code {path}} is every segment of that path, one topic level each; {@code {1}}, {@code {2}}, ...
 * the first, second, ... segment. Segments are percent-decoded (UTF-8); a segment that is empty, {@code .} or
 * {@code ..}, or that holds '/', '+', '#' or NUL — which would add levels, be a wildcard or is not allowed in a topic —
 * is refused with 400, as are no segment at all for {@code {path}}, a topic that starts with '$' (the broker's own)
 * and one longer than MQTT allows. A path with another number of segments than the {@code {n}} placeholders take is
 * 404: there is no such resource.
 */
final class TopicTemplate {

    static final String PATH = "path";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** MQTT's limit: a topic is a UTF-8 string of at most 65535 bytes. */
    private static final int MAX_TOPIC_BYTES = 65_535;

    private final String template;
    private final boolean wholePath;
    private final int segments;

    private TopicTemplate(String template, boolean wholePath, int segments) {
        this.template = template;
        this.wholePath = wholePath;
        this.segments = segments;
    }

    /** Why the template cannot be used, or null when it can (the mqtt adapter checks wildcards and the rest). */
    static String problem(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals(PATH) && !name.matches("[1-9][0-9]{0,2}")) {
                return "topic '" + template + "' has the placeholder {" + name + "}; it can have {path} (the"
                        + " request path's segments as levels) and {1}, {2}, ... (one segment each)";
            }
        }
        String literal = m.replaceAll("");
        if (literal.contains("{") || literal.contains("}")) {
            return "topic '" + template + "' has a brace outside a placeholder";
        }
        return null;
    }

    /** A template {@link #problem} accepted. */
    static TopicTemplate of(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        boolean whole = false;
        int most = 0;
        while (m.find()) {
            if (m.group(1).equals(PATH)) {
                whole = true;
            } else {
                most = Math.max(most, Integer.parseInt(m.group(1)));
            }
        }
        return new TopicTemplate(template, whole, most);
    }

    /** The template's text with its placeholders' braces dropped: a plain topic naming the publish's endpoint. */
    static String plain(String template) {
        return template.replace("{", "").replace("}", "");
    }

    /** The topic for this request path (raw, as the request line has it), or a refusal. */
    String topic(String rawRest) {
        List<String> levels = levels(rawRest);
        if (wholePath && levels.isEmpty()) {
            throw refused("the path names no topic level: POST to a path under this one (the topic is " + template
                    + ")");
        }
        if (wholePath ? levels.size() < segments : levels.size() != segments) {
            throw new MessageRejectedException(404, "no topic is published at this path", List.of("the topic is "
                    + template + ", which takes " + segments + " path segment" + (segments == 1 ? "" : "s")));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals(PATH) ? String.join("/", levels)
                    : levels.get(Integer.parseInt(m.group(1)) - 1);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String topic = out.toString();
        if (topic.startsWith("$")) {
            throw refused("topic '" + topic + "' starts with '$', which MQTT keeps for the broker's own topics");
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            throw refused("the topic is longer than MQTT's 65535 bytes");
        }
        return topic;
    }

    private static List<String> levels(String rawRest) {
        List<String> levels = new ArrayList<>();
        if (rawRest.isEmpty()) {
            return levels;
        }
        for (String raw : rawRest.split("/", -1)) {
            String level = decode(raw);
            if (level.isEmpty()) {
                throw refused("the path has an empty segment, which would be an empty topic level");
            }
            if (level.equals(".") || level.equals("..")) {
                throw refused("the path has a '" + level + "' segment");
            }
            for (char c : new char[] {'/', '+', '#', '\0'}) {
                if (level.indexOf(c) >= 0) {
                    throw refused("the path segment '" + raw + "' holds " + (c == '\0' ? "NUL" : "'" + c + "'")
                            + (c == '/' ? ", which would split a topic level" : c == '\0'
                                    ? ", which an MQTT topic cannot hold" : ", an MQTT wildcard"));
                }
            }
            levels.add(level);
        }
        return levels;
    }

    /** Strict percent-decoding of one segment: a malformed escape or bytes that are not UTF-8 are refused. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    throw refused("the path segment '" + raw + "' has a malformed %-escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] own = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(own, 0, own.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused("the path segment '" + raw + "' is not UTF-8 once decoded");
        }
    }

    private static MessageRejectedException refused(String why) {
        return new MessageRejectedException(400, "the path cannot be a topic", List.of(why));
    }
}
