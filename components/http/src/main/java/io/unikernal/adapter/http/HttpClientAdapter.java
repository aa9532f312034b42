package io.unikernal.adapter.http;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.adapter.StandardNodes;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code http-client}: calls an HTTP service with the message as JSON (Camel http); the JSON response becomes the
 * body. Only UDM headers reach the service: the caller's credentials and Camel's internal headers are filtered out.
 * A non-2xx answer is a failure (it goes to the route's dead-letter destination).
 */
public final class HttpClientAdapter implements Adapter {

    private static final OptionSpec URL = OptionSpec.of("url", ValueKind.STRING).required()
            .description("Base URL of the service.").example("http://127.0.0.1:9000/api");
    private static final OptionSpec METHOD = OptionSpec.of("method", ValueKind.STRING).defaultValue("POST")
            .allowed("GET", "POST", "PUT", "PATCH", "DELETE").description("HTTP method of the call.");
    private static final OptionSpec PATH = OptionSpec.of("path", ValueKind.STRING)
            .description("Appended to the system's URL.").example("/orders");

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public String description() {
        return "Calls an HTTP service with the message as JSON (Camel http); the JSON response becomes the body.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-http";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(URL);
    }

    @Override
    public List<OptionSpec> targetOptions() {
        return List.of(METHOD, PATH);
    }

    @Override
    public boolean canBeSource() {
        return false;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    /** {@link HttpRequestPreparer} sends it as {@code Idempotency-Key}. */
    @Override
    public boolean sendsIdempotencyKey() {
        return true;
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue url = system.option("url");
        if (url != null && !url.asString().startsWith("${") && !url.asString().matches("(?i)https?://.+")) {
            problems.error(UdlErrorCode.BAD_OPTION, url.pos(), "url '" + url.value() + "' is not an http(s) URL",
                    "write it as http://host:port/path");
        }
    }

    /** Retries belong to the route's policy, where they are counted; the HTTP client must not add its own. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addProperty("camel.component.http.automaticRetriesDisabled", "true");
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        call(system, use, "", block, ctx);
    }

    /**
     * The route's timeout becomes the client's own: waiting for a pooled connection, connecting, and waiting for the
     * response (between packets) are each bounded by it; a call over it fails with a timeout exception. No thread
     * hand-off: the call stays on the route's thread.
     */
    @Override
    public boolean targetWithTimeout(SystemDecl system, EndpointRef use, Duration timeout,
            ProcessorDefinition<?> block, CompileContext ctx) {
        long millis = Math.max(1, timeout.toMillis());
        call(system, use, "&connectionRequestTimeout=" + millis + "&connectTimeout=" + millis
                + "&responseTimeout=" + millis, block, ctx);
        return true;
    }

    private static void call(SystemDecl system, EndpointRef use, String timeouts, ProcessorDefinition<?> block,
            CompileContext ctx) {
        String method = ctx.text(use.option("method"), "POST");
        String name = "http-request-" + method.toLowerCase(java.util.Locale.ROOT);
        ctx.addBean(name, HttpRequestPreparer.class, List.of(method), java.util.Map.of());
        block.process(name);
        String url = ctx.systemOption(system, "url") + ctx.text(use.option("path"), "");
        block.to(url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=true" + timeouts);
        StandardNodes.parseJson(block, ctx);
    }
}
