package io.unikernal.adapter.graphql;

import io.unikernal.runtime.StrictJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GraphQL caller over plain java.net.http: POST application/json {query, variables, operationName}. */
final class GraphqlClient {

    /** The response: HTTP status and the decoded JSON body. */
    record Answer(int status, Map<String, Object> body) {
        Object data(String field) {
            return body.get("data") instanceof Map<?, ?> data ? data.get(field) : null;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return body.get("errors") instanceof List<?> errors ? (List<Map<String, Object>>) errors : List.of();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;

    GraphqlClient(int port, String path) {
        this.uri = URI.create("http://127.0.0.1:" + port + path);
    }

    Answer query(String query) throws Exception {
        return query(query, null, null);
    }

    Answer query(String query, Map<String, Object> variables, String operationName) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        if (variables != null) {
            request.put("variables", variables);
        }
        if (operationName != null) {
            request.put("operationName", operationName);
        }
        return post(StrictJson.write(request), "application/json");
    }

    @SuppressWarnings("unchecked")
    Answer post(String body, String contentType) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), StrictJson.read(response.body(), Map.class));
    }
}
