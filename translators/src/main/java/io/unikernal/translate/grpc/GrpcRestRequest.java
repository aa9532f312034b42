package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.translate.rest.HttpBindings;
import io.unikernal.translate.rest.PerContract;
import io.unikernal.udm.UdmHeaders;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Makes the HTTP request of a served gRPC call ({@link RestRequestShape}): the method the call named, in the
 * {@code .proto} as the consumer loaded it, its {@code google.api.http} binding (cached per version of the file), the
 * caller's metadata as headers ({@link GrpcRestHeaders}) and its correlation id. Only unary methods are translated:
 * a streaming one is UNIMPLEMENTED, nothing sent.
 */
public final class GrpcRestRequest implements Processor {

    /** Exchange property: the {@link Outbound} request, with its headers, for {@link GrpcRestCall}. */
    static final String REQUEST_PROPERTY = "UnikernalTranslateRestRequest";

    /** The request {@link GrpcRestCall} sends: URL, verb, JSON body, headers; the reply's field (response_body). */
    record Outbound(String method, String verb, String url, String body, Map<String, String> headers,
            String responseField) {
    }

    private String url;
    private final PerContract<Index> index = new PerContract<>(Index::new);

    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    public void process(Exchange exchange) {
        ProtoMethod method = exchange.getProperty(GrpcDynamicConstants.METHOD_PROPERTY, ProtoMethod.class);
        ProtoContract contract = exchange.getProperty(GrpcDynamicConstants.CONTRACT_PROPERTY, ProtoContract.class);
        if (method == null || contract == null) {
            throw new IllegalStateException("a gRPC to REST translation runs in a route served by grpc-dynamic");
        }
        exchange.setProperty(GrpcToRest.METHOD_NAME_PROPERTY, method.fullName());
        if (method.type() != MethodType.UNARY) {
            throw new GrpcStatusFailure(Status.Code.UNIMPLEMENTED, method.fullName() + " is a " + method.kind()
                    + " method; this translation calls REST for unary methods only");
        }
        Message message = exchange.getMessage();
        DynamicMessage request = ProtoJson.fromBody(message.getBody(), method.input(), contract.types());
        Index current = index.of(contract);
        RestRequestShape.Shape shape = RestRequestShape.of(method, current.pathName(method), request,
                current.bindings.first(method), contract.types());
        Map<String, String> headers = GrpcRestHeaders.out(message.getHeaders());
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            headers.put("X-Correlation-Id", correlation);
        }
        exchange.setProperty(REQUEST_PROPERTY, new Outbound(method.fullName(), shape.verb(),
                url + shape.pathAndQuery(), shape.body(), headers, shape.responseField()));
    }

    /** The contract's bindings, and how many services name each method (a shared name goes in full). */
    private static final class Index {
        private final HttpBindings bindings;
        private final Map<String, Integer> named = new HashMap<>();

        Index(ProtoContract contract) {
            this.bindings = HttpBindings.of(contract);
            contract.methods().keySet().forEach(name -> named.merge(simple(name), 1, Integer::sum));
        }

        String pathName(ProtoMethod method) {
            String simple = simple(method.fullName());
            return named.getOrDefault(simple, 0) > 1 ? method.fullName() : simple;
        }

        private static String simple(String fullName) {
            return fullName.substring(fullName.indexOf('/') + 1);
        }
    }
}
