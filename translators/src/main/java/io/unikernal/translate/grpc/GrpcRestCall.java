package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Sends the request {@link GrpcRestRequest} made, without blocking the route's thread, with the JDK's HTTP client
 * (HTTP/1.1, no redirects followed, a 5 s connect limit). Why not the http-client adapter's Camel http endpoint: its
 * timeouts are the endpoint's, and the gRPC caller's deadline differs per call — here the call's time limit is the
 * caller's deadline's remaining time or the translation's {@code timeout}, the earlier, and a caller that cancels (or
 * whose deadline passes) cancels the HTTP request. The reply is read up to the grpc system's {@code maxMessageBytes}.
 * After the call the message holds the status ({@code CamelHttpResponseCode}), the body bytes and the reply metadata
 * the service sent ({@link GrpcRestHeaders#in}).
 */
public final class GrpcRestCall extends AsyncProcessorSupport {

    /** Exchange property: the reply metadata the service sent as Grpc-Metadata-* headers. */
    static final String REPLY_METADATA_PROPERTY = "UnikernalTranslateRestReplyMetadata";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private long timeout;
    private int maxReplyBytes = 4 * 1024 * 1024;

    /** Milliseconds a call may take when the caller's deadline is later or absent; 0: none of its own. */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public void setMaxReplyBytes(int maxReplyBytes) {
        this.maxReplyBytes = maxReplyBytes;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        GrpcRestRequest.Outbound out = exchange.getProperty(GrpcRestRequest.REQUEST_PROPERTY,
                GrpcRestRequest.Outbound.class);
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(out.url()))
                    .method(out.verb(), out.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(out.body()))
                    .header("Accept", "application/json");
            if (out.body() != null) {
                request.header("Content-Type", "application/json");
            }
            out.headers().forEach(request::header);
            Duration limit = limit(exchange);
            if (limit != null) {
                // the deadline travels on, as grpc-timeout (milliseconds), which a REST to gRPC translation reads
                request.timeout(limit).header("Grpc-Timeout", Math.min(99_999_999, Math.max(1, limit.toMillis()))
                        + "m");
            }
            sent = CLIENT.sendAsync(request.build(), info -> new BoundedBody(maxReplyBytes));
        } catch (RuntimeException e) {
            exchange.setException(e instanceof GrpcStatusFailure ? e : new GrpcStatusFailure(Status.Code.INTERNAL,
                    "the REST request could not be made"));
            callback.done(true);
            return true;
        }
        Context served = exchange.getProperty(GrpcDynamicConstants.SERVED_CONTEXT_PROPERTY, Context.class);
        Context.CancellationListener cancel = context -> sent.cancel(true);
        if (served != null) {
            served.addListener(cancel, Runnable::run);
        }
        sent.whenComplete((response, failure) -> {
            if (served != null) {
                served.removeListener(cancel);
            }
            if (failure != null) {
                exchange.setException(translate(failure));
            } else {
                Message message = exchange.getMessage();
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.statusCode());
                message.setBody(response.body());
                exchange.setProperty(REPLY_METADATA_PROPERTY, GrpcRestHeaders.in(response.headers().map()));
            }
            callback.done(false);
        });
        return false;
    }

    /** The earlier of the caller's deadline and the translation's timeout; null when neither. */
    private Duration limit(Exchange exchange) {
        Deadline deadline = exchange.getProperty(GrpcDynamicConstants.DEADLINE_PROPERTY, Deadline.class);
        Duration limit = timeout > 0 ? Duration.ofMillis(timeout) : null;
        if (deadline != null) {
            long left = deadline.timeRemaining(TimeUnit.NANOSECONDS);
            if (left <= 0) {
                throw new GrpcStatusFailure(Status.Code.DEADLINE_EXCEEDED, "the call's deadline passed before the"
                        + " REST service was called");
            }
            if (limit == null || left < limit.toNanos()) {
                limit = Duration.ofNanos(left);
            }
        }
        return limit;
    }

    private static Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof GrpcStatusFailure) {
            return cause;
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return new GrpcStatusFailure(Status.Code.UNAVAILABLE, "the REST service cannot be reached");
        }
        if (cause instanceof HttpTimeoutException) {
            return new GrpcStatusFailure(Status.Code.DEADLINE_EXCEEDED, "the REST service did not answer within the"
                    + " call's deadline");
        }
        if (cause instanceof CancellationException) {
            return new GrpcStatusFailure(Status.Code.CANCELLED, "the call was cancelled");
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            // the service's address is not named: it is this app's configuration, not the caller's business
            return new GrpcStatusFailure(Status.Code.UNAVAILABLE, "the REST service cannot be reached");
        }
        return cause;
    }
}
