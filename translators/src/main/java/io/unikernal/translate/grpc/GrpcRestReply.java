package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMessageException;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The REST service's answer as the gRPC reply. A 2xx body is the method's output message in proto3 JSON (an empty
 * body: the empty message; with a {@code response_body} rule the body is that field), read strictly: a field the
 * message lacks, a wrong value or no JSON is INTERNAL with what did not fit — never a reply made of what could be
 * guessed. Another status is the gRPC status {@link HttpGrpcStatus} gives. The service's {@code Grpc-Metadata-*}
 * response headers become reply metadata; the correlation id comes back as {@code x-correlation-id} (the consumer's).
 */
public final class GrpcRestReply implements Processor {

    static final String BEAN = "grpc-rest-reply";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = message.getBody(byte[].class);
        GrpcRestRequest.Outbound sent = exchange.getProperty(GrpcRestRequest.REQUEST_PROPERTY,
                GrpcRestRequest.Outbound.class);
        if (status < 200 || status > 299) {
            throw HttpGrpcStatus.failure(status, body);
        }
        ProtoMethod method = exchange.getProperty(GrpcDynamicConstants.METHOD_PROPERTY, ProtoMethod.class);
        ProtoContract contract = exchange.getProperty(GrpcDynamicConstants.CONTRACT_PROPERTY, ProtoContract.class);
        String json = body == null || body.length == 0 ? "{}" : new String(body, StandardCharsets.UTF_8);
        Object reply = json;
        if (!sent.responseField().isEmpty()) {
            reply = "{" + StrictJson.write(sent.responseField()) + ":" + json + "}";
        }
        try {
            message.setBody(ProtoJson.fromBody(reply, method.output(), contract.types()));
        } catch (ProtoMessageException e) {
            throw new GrpcStatusFailure(Status.Code.INTERNAL, "the REST reply to " + sent.verb() + " "
                    + java.net.URI.create(sent.url()).getRawPath() + " " + e.getMessage().replaceFirst(
                            "^the message ", ""));
        }
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        message.getHeaders().clear();
        if (correlation != null) {
            message.setHeader(UdmHeaders.CORRELATION_ID, correlation);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = exchange.getProperty(GrpcRestCall.REPLY_METADATA_PROPERTY, Map.class);
        Set<String> declared = new LinkedHashSet<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> {
                message.setHeader(key, value);
                declared.add(key);
            });
        }
        // the consumer sends exactly the reply's declared headers as metadata
        exchange.setProperty(ReplyProcessor.DECLARED_HEADERS, declared);
        TranslationMetrics.record(exchange, method.fullName(), Status.Code.OK.name());
    }
}
