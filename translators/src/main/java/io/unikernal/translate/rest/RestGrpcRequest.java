package io.unikernal.translate.rest;

import io.grpc.Deadline;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcTimeout;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a REST request for a translation to gRPC: the method from the verb and the path under the translation's —
 * a {@code google.api.http} binding of the {@code .proto} as it is now (the file is re-read when it changes), else
 * {@code POST Method} or {@code POST package.Service/Method} —, the deadline from {@code grpc-timeout}, and the {@code Grpc-Metadata-*} headers to forward. Every
 * other request header is dropped here, so what comes back after the call is the reply's metadata. An unknown method
 * is 404 and a client- or bidirectional-streaming one 501, before anything is sent.
 */
public final class RestGrpcRequest implements Processor {

    /** Exchange property: true when the chosen method streams its replies (the reply is newline-delimited JSON). */
    static final String STREAMING_PROPERTY = "UnikernalTranslateGrpcStreaming";
    /** Exchange property: the reply's field that is the response body ({@code response_body}), when set. */
    static final String RESPONSE_FIELD_PROPERTY = "UnikernalTranslateResponseField";

    private String proto;
    private final PerContract<Index> index = new PerContract<>(Index::new);

    public void setProto(String proto) {
        this.proto = proto;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        String named = HttpExposure.pathUnder(exchange);
        Index current = index();
        String verb = message.getHeader(Exchange.HTTP_METHOD, String.class);
        HttpBindings.Match bound = current.bindings.find(verb, "/" + named);
        ProtoMethod method = bound != null ? bound.binding().method() : "POST".equals(verb) ? current.find(named)
                : null;
        if (method == null) {
            boolean otherVerb = current.bindings.servesPath("/" + named) || current.find(named) != null;
            throw new RestGrpcRefusal(otherVerb ? 405 : 404, otherVerb ? Status.Code.UNIMPLEMENTED
                    : Status.Code.NOT_FOUND, otherVerb ? verb + " is not served at " + path
                    : "no method is served at " + path);
        }
        if (method.clientStreaming()) {
            throw new RestGrpcRefusal(501, Status.Code.UNIMPLEMENTED, method.fullName() + " is a "
                    + method.kind() + " method, which this translation does not serve over REST");
        }
        exchange.setProperty(RestToGrpc.METHOD_PROPERTY, method.fullName());
        exchange.setProperty(GrpcDynamicConstants.CALL_METHOD_PROPERTY, method);
        exchange.setProperty(STREAMING_PROPERTY, method.serverStreaming());
        if (bound != null) {
            message.setBody(BoundRequest.build(bound, message.getBody(), message.getHeader(Exchange.HTTP_QUERY,
                    String.class), method.input()));
            exchange.setProperty(RESPONSE_FIELD_PROPERTY, bound.binding().responseBody());
        }
        deadline(exchange, message.getHeader("grpc-timeout", String.class));
        metadata(exchange, message);
    }

    private static void deadline(Exchange exchange, String timeout) {
        if (timeout == null) {
            return;
        }
        Duration limit = GrpcTimeout.parse(timeout.strip());
        if (limit == null) {
            throw new RestGrpcRefusal(400, Status.Code.INVALID_ARGUMENT, "grpc-timeout '" + timeout + "' is not a"
                    + " timeout: at most 8 digits and a unit (H, M, S, m, u, n), e.g. 500m");
        }
        exchange.setProperty(GrpcDynamicConstants.DEADLINE_PROPERTY, Deadline.after(limit.toNanos(),
                TimeUnit.NANOSECONDS));
    }

    /** Keeps Camel's and the envelope's headers, and makes each Grpc-Metadata-KEY header the header KEY. */
    private static void metadata(Exchange exchange, Message message) {
        Map<String, Object> forwarded = new HashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(RestGrpcHeaderFilter.PREFIX) && name.length() > RestGrpcHeaderFilter.PREFIX.length()) {
                forwarded.put(name.substring(RestGrpcHeaderFilter.PREFIX.length()), header.getValue());
            }
        }
        message.getHeaders().keySet().removeIf(name -> !(name.startsWith("Camel") || UdmHeaders.isKernelOwned(name)));
        message.getHeaders().putAll(forwarded);
        exchange.setProperty(RestGrpcHeaderFilter.FORWARDED_PROPERTY, new HashSet<>(forwarded.keySet()));
    }

    /** The methods by the two names a path may give, for the contract as loaded now. */
    private Index index() {
        return index.of(ProtoContract.load(Path.of(proto)));
    }

    private static final class Index {
        private final HttpBindings bindings;
        private final Map<String, ProtoMethod> byName = new HashMap<>();
        private final Set<String> ambiguous = new HashSet<>();

        Index(ProtoContract contract) {
            this.bindings = HttpBindings.of(contract);
            for (ProtoMethod method : contract.methods().values()) {
                byName.put(method.fullName(), method);
                String simple = method.fullName().substring(method.fullName().indexOf('/') + 1);
                if (byName.putIfAbsent(simple, method) != null) {
                    ambiguous.add(simple);
                }
            }
            // a method name two services share is served only under package.Service/Method
            ambiguous.forEach(byName::remove);
        }

        ProtoMethod find(String name) {
            return byName.get(name);
        }
    }
}
