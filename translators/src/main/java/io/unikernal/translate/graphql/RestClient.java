package io.unikernal.translate.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST service a GraphQL to REST translation calls: one JDK HTTP client (HTTP/1.1, no redirects followed), calls
 * made asynchronously so the calls of one level of a query run together, each bounded by the timeout and its reply by
 * a size. Only {@code Accept}, {@code Content-Type} (with a body) and {@code X-Correlation-Id} are sent: nothing of
 * the GraphQL caller's request (its Authorization, its cookies) reaches the service.
 */
final class RestClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
    /** 4 MiB: a reply larger than this is not read (the field gets an error). */
    static final int MAX_REPLY_BYTES = 4 * 1024 * 1024;

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    RestClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /** Sends the call; the future always completes normally, with the reply or the failure in words. */
    CompletableFuture<RestReply> send(RestCall call, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.pathAndQuery()))
                .timeout(timeout).header("Accept", "application/json")
                .method(call.verb(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(RestClient::read)
                .exceptionally(failure -> failed(call, failure));
    }

    private static RestReply read(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_REPLY_BYTES + 1);
            if (bytes.length > MAX_REPLY_BYTES) {
                return RestReply.failed(502, "the reply is larger than " + MAX_REPLY_BYTES + " bytes");
            }
            return new RestReply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RestReply failed(RestCall call, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        String path = call.pathAndQuery();
        // the path without its query: argument values stay out of the log
        LOG.warn("REST call {} {} failed: {}", call.verb(), path.contains("?") ? path.substring(0, path.indexOf('?'))
                : path, cause.toString());
        if (cause instanceof HttpTimeoutException) {
            return RestReply.failed(504, "no reply in time");
        }
        return RestReply.failed(502, cause instanceof ConnectException ? "no connection" : "the call failed");
    }
}
