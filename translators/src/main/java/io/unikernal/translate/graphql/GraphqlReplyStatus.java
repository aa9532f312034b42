package io.unikernal.translate.graphql;

import io.unikernal.runtime.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a GraphQL server's answer is as a REST answer:
 * <ul>
 * <li>{@code data} and no {@code errors}: 200 with the {@code data} object;</li>
 * <li>{@code data} not null beside {@code errors} (some fields failed): 200 with {@code {data, errors}};</li>
 * <li>{@code errors} and no {@code data} entry — a request the server refused before running it, which for a
 * document checked when the app compiled means the variables (a wrong type, a bad enum value): 400 with
 * {@code {errors}}; also for an HTTP 4xx answer carrying errors without data (GraphQL over HTTP's
 * {@code application/graphql-response+json});</li>
 * <li>{@code data: null} with {@code errors} (the operation failed as a whole), any other HTTP status, a body that is
 * not a GraphQL answer: 502 with {@code {errors}}.</li>
 * </ul>
 * Of each error only {@code message}, {@code path}, {@code locations} and {@code extensions.code} / {@code classification} are passed on (at
 * most 20, each message cut to 500 characters): a server's other extensions (stack traces in debug modes) are not.
 */
final class GraphqlReplyStatus {

    private static final int MAX_ERRORS = 20;
    private static final int MAX_MESSAGE = 500;

    private GraphqlReplyStatus() {
    }

    record Answer(int status, Object body) {
    }

    static Answer of(int httpStatus, String body) {
        Map<?, ?> answer = parse(body);
        boolean ok = httpStatus >= 200 && httpStatus <= 299;
        if (answer == null) {
            return new Answer(502, error("the GraphQL server answered HTTP " + httpStatus + (ok
                    ? " with a body that is not a GraphQL answer" : "")));
        }
        List<Map<String, Object>> errors = errors(answer.get("errors"));
        boolean hasData = answer.containsKey("data");
        Object data = answer.get("data");
        if (!errors.isEmpty() && !hasData && (ok || (httpStatus >= 400 && httpStatus <= 499))) {
            return new Answer(400, Map.of("errors", errors));
        }
        if (!ok) {
            return new Answer(502, errors.isEmpty() ? error("the GraphQL server answered HTTP " + httpStatus)
                    : Map.of("errors", errors));
        }
        if (data instanceof Map<?, ?> && errors.isEmpty()) {
            return new Answer(200, data);
        }
        if (data instanceof Map<?, ?>) {
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("data", data);
            partial.put("errors", errors);
            return new Answer(200, partial);
        }
        return new Answer(502, errors.isEmpty() ? error("the GraphQL server answered without data")
                : Map.of("errors", errors));
    }

    /** {@code {"errors": [{"message": text}]}}. */
    static Map<String, Object> error(String text) {
        return Map.of("errors", List.of(Map.of("message", text)));
    }

    private static Map<?, ?> parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Object parsed = StrictJson.read(body, Object.class);
            return parsed instanceof Map<?, ?> map && (map.containsKey("data") || map.containsKey("errors")) ? map
                    : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static List<Map<String, Object>> errors(Object given) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (given == null) {
            return errors;
        }
        if (!(given instanceof List<?> list)) {
            errors.add(Map.of("message", "the GraphQL server's errors are not a list"));
            return errors;
        }
        for (Object item : list) {
            if (errors.size() == MAX_ERRORS) {
                break;
            }
            Map<?, ?> error = item instanceof Map<?, ?> map ? map : Map.of();
            Map<String, Object> kept = new LinkedHashMap<>();
            String message = error.get("message") == null ? "an error without a message"
                    : String.valueOf(error.get("message"));
            kept.put("message", message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…");
            if (error.get("path") instanceof List<?> path) {
                kept.put("path", path);
            }
            if (error.get("locations") instanceof List<?> locations) {
                kept.put("locations", locations);
            }
            if (error.get("extensions") instanceof Map<?, ?> extensions) {
                Map<String, Object> known = new LinkedHashMap<>();
                for (String key : List.of("code", "classification")) {
                    if (extensions.get(key) instanceof String value) {
                        known.put(key, value);
                    }
                }
                if (!known.isEmpty()) {
                    kept.put("extensions", known);
                }
            }
            errors.add(kept);
        }
        return errors;
    }
}
