package io.unikernal.translate.graphql;

import io.unikernal.runtime.StrictJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real HTTP/1.1 client (the JDK's) calling a translation on loopback, and the answers as tests compare them. */
final class GraphqlCaller {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GraphqlCaller() {
    }

    /** {@code verb path} with this body and Content-Type (none when null), and header name/value pairs. */
    static HttpResponse<String> send(int port, String verb, String path, String contentType, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Status and JSON body; a body's errors sorted by path (fields resolve concurrently, so graphql-java lists them in
     * the order they failed) and correlation ids in messages dropped (they differ between the two runs).
     */
    static Map<String, Object> answer(HttpResponse<String> response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.statusCode());
        Object body = response.body().isBlank() ? null : StrictJson.read(response.body(), Object.class);
        if (body instanceof Map<?, ?> map && map.get("errors") instanceof List<?> errors) {
            Map<String, Object> sorted = new LinkedHashMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            List<Object> list = new ArrayList<>(errors);
            list.sort(Comparator.comparing(e -> String.valueOf(((Map<?, ?>) e).get("path"))));
            sorted.put("errors", list);
            body = sorted;
        }
        out.put("body", body);
        return out;
    }

    static String query(String query, Map<String, Object> variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        if (variables != null) {
            request.put("variables", variables);
        }
        return StrictJson.write(request);
    }
}
