package io.unikernal.translate.thrift;

import io.grpc.Status;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMessageException;
import io.unikernal.translate.rest.GatewayStatus;
import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;

/**
 * The Thrift service's result as the gRPC reply message, made here so that a result that does not fit fails in the
 * route (answered INTERNAL) rather than after it.
 */
public final class GrpcCallerReply extends PairedStep {

    @Override
    public void process(Exchange exchange) {
        MethodPair pair = pair();
        try {
            Object result = pair.thrift().result() == null ? null : json(exchange.getMessage().getBody());
            exchange.getMessage().setBody(ProtoJson.fromBody(pair.resultToProto(result), pair.proto().output(),
                    protoContract().types()));
        } catch (MappingRefusal e) {
            throw new ReplyMismatch(e);
        } catch (ProtoMessageException e) {
            throw new ReplyMismatch(new MappingRefusal(e.getMessage()));
        }
        TranslationMetrics.record(exchange, pair.proto().fullName(), GatewayStatus.http(Status.Code.OK));
    }
}
