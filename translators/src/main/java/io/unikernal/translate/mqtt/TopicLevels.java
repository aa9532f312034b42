package io.unikernal.translate.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MQTT topic levels as URL path segments and back: each level percent-encoded on its own (RFC 3986 unreserved
 * characters kept), so a level can never add a path segment, a query, a fragment or a line break to a URL or a header.
 */
final class TopicLevels {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TopicLevels() {
    }

    /** The levels of a topic or a filter, empty levels kept ({@code a//b} has three). */
    static List<String> of(String topic) {
        return Arrays.asList(topic.split("/", -1));
    }

    /** One level as one path segment. */
    static String encode(String level) {
        StringBuilder out = new StringBuilder(level.length());
        for (byte b : level.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Levels encoded one by one and joined with '/'. */
    static String encode(List<String> levels) {
        List<String> encoded = new ArrayList<>(levels.size());
        levels.forEach(level -> encoded.add(encode(level)));
        return String.join("/", encoded);
    }

    /**
     * What the filter's wildcards matched in a topic the filter matches: one level per {@code +}, the rest of the
     * topic (possibly empty) for a {@code #}, in the filter's order.
     */
    static List<List<String>> wildcards(String filter, String topic) {
        List<String> filterLevels = of(filter);
        List<String> topicLevels = of(topic);
        List<List<String>> matched = new ArrayList<>();
        for (int i = 0; i < filterLevels.size(); i++) {
            String level = filterLevels.get(i);
            if (level.equals("#")) {
                matched.add(i < topicLevels.size() ? topicLevels.subList(i, topicLevels.size()) : List.of());
            } else if (level.equals("+")) {
                matched.add(i < topicLevels.size() ? List.of(topicLevels.get(i)) : List.of());
            }
        }
        return matched;
    }

    /** How many wildcards ({@code +}, {@code #}) a filter holds. */
    static int wildcardCount(String filter) {
        return (int) of(filter).stream().filter(l -> l.equals("+") || l.equals("#")).count();
    }
}
