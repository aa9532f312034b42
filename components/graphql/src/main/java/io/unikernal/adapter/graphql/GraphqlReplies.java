package io.unikernal.adapter.graphql;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a remote GraphQL endpoint's answer means for the route:
 * <ul>
 * <li>2xx with {@code data} and no {@code errors}: the {@code data} object is the reply (JSON text);</li>
 * <li>{@code errors} and no {@code data} entry, which GraphQL answers for a request it refused before running it (a
 * syntax or validation error, a variable of the wrong type): the message is at fault, a rejection (dead letter, no
 * retry);</li>
 * <li>{@code errors} beside {@code data} (a field failed while the operation ran): a failure, retried by the route's
 * policy; the partial data is never taken as the reply;</li>
 * <li>HTTP 4xx but 408 and 429: a rejection; 408, 429, 5xx and any other status: a failure;</li>
 * <li>a body that is not a JSON object: a failure.</li>
 * </ul>
 * Every error's message and path is in the failure's words.
 */
final class GraphqlReplies {

    /** At most this many of the remote's errors are quoted, each cut to {@link #MAX_QUOTE} characters. */
    private static final int MAX_ERRORS = 5;
    private static final int MAX_QUOTE = 300;

    private GraphqlReplies() {
    }

    /** The reply's data as JSON text, or the exception the answer means. */
    static String data(String url, GraphqlRemote.Reply reply) {
        int status = reply.status();
        Map<?, ?> answer = parse(reply.body());
        if (status < 200 || status > 299) {
            String errors = answer == null ? "" : errors(answer).stream().reduce((a, b) -> a + "; " + b)
                    .map(text -> ": " + text).orElse("");
            String text = "GraphQL endpoint " + url + " answered HTTP " + status + errors;
            if (status >= 400 && status <= 499 && status != 408 && status != 429) {
                throw new MessageRejectedException(callerStatus(status), text, answer == null ? List.of()
                        : errors(answer));
            }
            throw new GraphqlCallException(text);
        }
        if (answer == null) {
            throw new GraphqlCallException("GraphQL endpoint " + url + " answered HTTP " + status
                    + " with a body that is not a JSON object");
        }
        List<String> errors = errors(answer);
        if (!errors.isEmpty()) {
            String text = "GraphQL endpoint " + url + " answered with errors: " + String.join("; ", errors);
            if (!answer.containsKey("data")) {
                throw new MessageRejectedException(text, errors);
            }
            throw new GraphqlCallException(text + (answer.get("data") == null ? "" : " (the partial data is not used)"));
        }
        if (!(answer.get("data") instanceof Map<?, ?> data)) {
            throw new GraphqlCallException("GraphQL endpoint " + url + " answered without data and without errors");
        }
        return StrictJson.write(data);
    }

    /** The status a waiting caller gets for the remote's 4xx: the ones that say what is wrong with the message. */
    private static int callerStatus(int remote) {
        return switch (remote) {
            case 404, 409, 413, 422 -> remote;
            default -> 400;
        };
    }

    private static Map<?, ?> parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return StrictJson.read(body, Object.class) instanceof Map<?, ?> map ? map : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Each error as {@code message (at path)}; an {@code errors} that is not a list counts as one error. */
    private static List<String> errors(Map<?, ?> answer) {
        Object errors = answer.get("errors");
        if (errors == null) {
            return List.of();
        }
        if (!(errors instanceof List<?> list)) {
            return List.of("errors is not a list");
        }
        List<String> texts = new ArrayList<>();
        for (Object error : list) {
            if (texts.size() == MAX_ERRORS) {
                texts.add((list.size() - MAX_ERRORS) + " more");
                break;
            }
            Object message = error instanceof Map<?, ?> map ? map.get("message") : null;
            Object path = error instanceof Map<?, ?> map ? map.get("path") : null;
            String text = quote(message == null ? "an error without a message" : String.valueOf(message));
            texts.add(path instanceof List<?> at && !at.isEmpty() ? text + " (at " + path(at) + ")" : text);
        }
        return texts;
    }

    private static String path(List<?> at) {
        StringBuilder text = new StringBuilder();
        for (Object step : at) {
            text.append(step instanceof Number ? "[" + step + "]" : (text.length() == 0 ? "" : ".") + step);
        }
        return quote(text.toString());
    }

    private static String quote(String text) {
        String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "…";
    }
}
