package io.unikernal.adapter.graphql;

import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.udl.notation.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The remote GraphQL endpoint of a {@code graphql} system with a {@code url} (bean {@code system.<name>}): one JDK
 * HTTP client per system (HTTP/1.1, no redirects followed, TLS from the system's {@link TlsContextFactory} or the
 * JVM's trust), the system's Authorization header, and a bound on the reply's size. It sends exactly the headers it
 * is given: nothing of the exchange reaches the remote by accident.
 */
public final class GraphqlRemote {

    /** What the remote answered: the HTTP status and the body, at most {@code maxReplyBytes}. */
    public record Reply(int status, String body) {
    }

    private String url;
    private String authorization;
    private long maxReplyBytes = 4_194_304L;
    private long connectTimeoutMillis = 10_000L;
    private TlsContextFactory tls;
    private volatile HttpClient client;

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** The Authorization header's whole value, e.g. {@code Bearer <token>} (resolved from a secret at start). */
    public void setAuthorization(String authorization) {
        this.authorization = authorization == null || authorization.isBlank() ? null : authorization;
    }

    public void setMaxReplyBytes(long maxReplyBytes) {
        this.maxReplyBytes = maxReplyBytes;
    }

    /** A duration such as {@code 10s}. */
    public void setConnectTimeout(String connectTimeout) {
        Duration parsed = Durations.parse(connectTimeout);
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must be a positive duration such as 10s, not '"
                    + connectTimeout + "'");
        }
        this.connectTimeoutMillis = parsed.toMillis();
    }

    public void setTls(TlsContextFactory tls) {
        this.tls = tls;
    }

    /**
     * POSTs {@code json} with {@code headers}; the whole call (connecting included) is bounded by {@code timeout}.
     * A reply over the size limit fails the call without reading the rest.
     */
    public Reply post(String json, Map<String, String> headers, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxReplyBytes + 1));
            if (bytes.length > maxReplyBytes) {
                throw new GraphqlCallException("GraphQL endpoint " + url + " answered with more than "
                        + maxReplyBytes + " bytes (maxReplyBytes); the reply was not read");
            }
            return new Reply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofMillis(connectTimeoutMillis));
                    if (tls != null) {
                        builder.sslContext(tls.sslContext());
                    }
                    built = builder.build();
                    client = built;
                }
            }
        }
        return built;
    }
}
