package io.unikernal.adapter.http;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code http-client}: calls an HTTP service with the message as JSON (Camel http); the JSON response becomes the
 * body. Only UDM headers reach the service: the caller's credentials and Camel's internal headers are filtered out.
 * A non-2xx answer is a failure (it goes to the route's dead-letter destination).
 */
public final class HttpClientAdapter implements Adapter {

    private static final Option<String> URL = Option.string("url").required()
            // the URL is the endpoint itself: a query in it would set the client's options
            .pattern("[Hh][Tt][Tt][Pp][Ss]?://[^\\s?#&]+",
                    "an http(s) URL without a query, such as http://host:port/path")
            .description("Base URL of the service.").example("http://127.0.0.1:9000/api");
    private static final Option<String> METHOD = Option.string("method").defaultValue("POST")
            .allowed("GET", "POST", "PUT", "PATCH", "DELETE").description("HTTP method of the call.");
    private static final Option<String> PATH = Option.string("path").pattern("[^?#&\\s]*",
                    "a path without '?', '#', '&' or spaces")
            .description("Appended to the system's URL.").example("/orders");

    private static final AdapterInfo INFO = new AdapterInfo("http-client",
            "Calls an HTTP service with the message as JSON (Camel http); the JSON response becomes the body.",
            "io.unikernal:unikernal-components-http");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(URL);
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    /** Retries belong to the route's policy, where they are counted; the HTTP client must not add its own. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addProperty("camel.component.http.automaticRetriesDisabled", "true");
    }

    private static final class Client implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD, PATH);
        }

        /**
         * {@link HttpRequestPreparer} sends the idempotency key as {@code Idempotency-Key} and the envelope as
         * {@code X-Correlation-Id} and {@code Udm*} headers.
         */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CLIENT_TIMEOUT, Capability.SENDS_IDEMPOTENCY_KEY,
                    Capability.NATIVE_HEADERS);
        }

        /**
         * With a timeout, waiting for a pooled connection, connecting, and waiting for the response (between packets)
         * are each bounded by it; a call over it fails with a timeout exception. No thread hand-off: the call stays on
         * the route's thread.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String method = ctx.text(use.use(), METHOD);
            String name = "http-request-" + method.toLowerCase(Locale.ROOT);
            ctx.addBean(name, HttpRequestPreparer.class, List.of(method), Map.of());
            block.process(name);
            String url = ctx.text(use.system(), URL) + ctx.text(use.use().option(PATH.name()), "");
            EndpointUri uri = EndpointUri.from(url).param("throwExceptionOnFailure", true);
            use.timeout().map(Duration::toMillis).map(ms -> Math.max(1, ms)).ifPresent(ms -> uri
                    .param("connectionRequestTimeout", ms).param("connectTimeout", ms).param("responseTimeout", ms));
            block.to(uri.toString());
            StandardNodes.parseJson(block, ctx);
        }
    }
}
