package io.unikernal.translate.detect;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as decoded from the first bytes of a connection, whatever HTTP version carried it.
 *
 * @param bodyComplete whether the whole body is in {@code body} (false when the capture ended before it did)
 */
record CapturedRequest(Transport transport, String method, String target, List<Map.Entry<String, String>> headers,
        byte[] body, boolean bodyComplete) {

    /** The first value of a header, names compared without case (HTTP/2 names are lower case already). */
    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The media type of Content-Type, lower case, without parameters; empty when there is none. */
    String mediaType() {
        return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** Whether a comma-separated header (Connection, Upgrade) holds a token, compared without case. */
    boolean headerHasToken(String name, String token) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .flatMap(h -> java.util.Arrays.stream(h.getValue().split(",")))
                .anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }
}
